import type { ChatTurn } from '../providers/provider';
import { exampleAnswer } from './example-answer';
import type { FewShotExample } from './few-shot-pool';

/** Examples as plain text before the question: each example's input_field, its answer, a blank line. */
export function fewShotText(examples: readonly FewShotExample[]): string {
  return examples.map((example) => `${example.input}${separator(example.input)}${exampleAnswer(example.truth)}\n\n`).join('');
}

/** Examples as chat turns: the example's input_field from the user, its answer from the assistant. */
export function fewShotTurns(examples: readonly FewShotExample[]): ChatTurn[] {
  return examples.flatMap((example) => [
    { role: 'user' as const, content: example.input },
    { role: 'assistant' as const, content: exampleAnswer(example.truth) },
  ]);
}

/** ShopBench inputs end in "Answer: " or "Output:": the answer follows after one space. */
function separator(input: string): string {
  return /\s$/.test(input) ? '' : ' ';
}
