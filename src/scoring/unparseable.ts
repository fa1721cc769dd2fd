import type { TaskType } from '../dataset/row';
import type { ParsedAnswer } from './types';

/**
 * Whether the official parser found no answer: multiple choice gives -1, ranking / retrieval / extraction an empty
 * list, generation an empty string. (An extraction whose truth is empty is the only case where [] can still be right.)
 */
export function isUnparseable(taskType: TaskType, parsed: ParsedAnswer): boolean {
  switch (taskType) {
    case 'multiple-choice':
      return parsed === -1;
    case 'generation':
      return parsed === '';
    case 'ranking':
    case 'retrieval':
    case 'named_entity_recognition':
      return Array.isArray(parsed) && parsed.length === 0;
  }
}
