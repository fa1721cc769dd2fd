import type { RequestItem } from '../provider';
import { contentWords, labelledLine, numberedOptions, rankByOverlap } from './prompt-structure';

/**
 * A baseline that reads the prompt and nothing else: the option sharing most words with the question,
 * candidates ranked by overlap with the query, the query's words as entities, an extract for generation.
 */
export function lexicalAnswer(prompt: string, item: RequestItem): string {
  // a test-set row may not say its task type: multiple choice or open-ended is all it tells
  switch (item.taskType ?? (item.isMultipleChoice === true ? 'multiple-choice' : 'generation')) {
    case 'multiple-choice':
      return String(rankByOverlap(prompt)[0]?.number ?? 0);
    case 'ranking':
      return rankByOverlap(prompt)
        .map((option) => option.number)
        .join(', ');
    case 'retrieval':
      return rankByOverlap(prompt)
        .slice(0, 3)
        .map((option) => option.number)
        .join(', ');
    case 'named_entity_recognition':
      return entityGuess(prompt);
    case 'generation':
      return generationExtract(prompt);
  }
}

/** The query's content words, each as an entity (most ShopBench entities are single query words). */
function entityGuess(prompt: string): string {
  const source = labelledLine(prompt, 'Query') ?? labelledLine(prompt, 'Input') ?? lastContentLine(prompt);
  const words = [...contentWords(source)];
  return words.length === 0 ? source : words.join(', ');
}

/** A quoted title, an `Input:` value, or the sentence of the review that mentions the aspect. */
function generationExtract(prompt: string): string {
  const quoted = /'([^']{8,})'/u.exec(prompt)?.[1];
  if (quoted !== undefined) return quoted;
  const aspect = labelledLine(prompt, 'Aspect');
  const review = labelledLine(prompt, 'Review');
  if (aspect !== undefined && review !== undefined) return phraseAround(review, aspect);
  const input = labelledLine(prompt, 'Input');
  if (input !== undefined) return input;
  return lastContentLine(prompt);
}

function phraseAround(text: string, aspect: string): string {
  const wanted = contentWords(aspect);
  const pieces = text.split(/[.,!?;]\s*/u).filter((piece) => piece.trim() !== '');
  const hit = pieces.find((piece) => [...contentWords(piece)].some((word) => wanted.has(word)));
  return (hit ?? pieces[0] ?? text).trim().split(/\s+/u).slice(0, 6).join(' ');
}

function lastContentLine(prompt: string): string {
  const lines = numberedOptions(prompt)
    .context.split('\n')
    .map((line) => line.trim());
  const content = lines.filter((line) => line !== '' && !/^(output|answer)\s*:?$/iu.test(line));
  return content[content.length - 1] ?? '';
}
