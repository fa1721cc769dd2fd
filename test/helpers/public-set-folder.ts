import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A generated public-set-style folder, and what a test needs to know about it. */
export interface PublicSetFolder {
  readonly root: string;
  /** Predictions answering every valid row (for `shopeval score`). */
  readonly predictions: string;
  /** Each broken row's `file:line` and a piece of its reason, in the order validation lists them (files in path order). */
  readonly broken: readonly { readonly row: string; readonly reason: string }[];
  /** `file:line` of each multiple-choice row whose truth is a string of digits (0 under kddcup2024). */
  readonly stringTruths: readonly string[];
  /** Ids of the string-truth rows. */
  readonly stringTruthIds: readonly string[];
}

/** One array element: a row (or raw text that is not JSON), and why it is broken if it is. */
interface Entry {
  readonly row: Record<string, unknown> | string;
  readonly broken?: string;
}

const MCQ_PROMPT = 'Which sentiment does the review show?\n0. negative\n1. neutral\n2. positive\nAnswer: ';

/**
 * Writes a folder like the public ShopBench training sets: one pretty-printed JSON array per task (`MCQ/SA.json`,
 * `MCQ/PR.json`, `Generation/MT.json`), rows without task_name or track, multiple-choice truths written as strings of
 * digits, a row with a metric the competition never used (`bool`) and a few broken rows (bad JSON, a missing field,
 * a metric paired with the wrong task type). Line numbers come from the written text, as a reader counts them.
 */
export function writePublicSetFolder(): PublicSetFolder {
  const root = mkdtempSync(join(tmpdir(), 'shopeval-public-set-'));
  const broken: { row: string; reason: string }[] = [];
  const stringTruths: string[] = [];
  const stringTruthIds: string[] = [];
  const answers: { id: string; output: string }[] = [];
  const writeArray = (relative: string, entries: readonly Entry[]): void => {
    const path = join(root, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    let text = '[\n';
    entries.forEach(({ row, broken: reason }, index) => {
      const line = text.split('\n').length;
      const body = typeof row === 'string' ? row : JSON.stringify(row, null, 2).replace(/\n/g, '\n  ');
      text += `  ${body}${index === entries.length - 1 ? '' : ','}\n`;
      if (reason !== undefined) broken.push({ row: `${path}:${line}`, reason });
      else if (typeof row === 'object' && row['metric'] === 'accuracy' && typeof row['output_field'] === 'string') {
        stringTruths.push(`${path}:${line}`);
        stringTruthIds.push(String(row['id']));
      }
    });
    writeFileSync(path, `${text}]\n`);
  };
  const mcq = (id: string, truth: number | string): Entry => {
    answers.push({ id, output: String(truth) }); // the right answer: only the type of the truth decides the score
    return { row: { id, input_field: `${id}: ${MCQ_PROMPT}`, output_field: truth, task_type: 'multiple-choice', metric: 'accuracy' } };
  };
  const mt = (id: string, truth: string): Entry => {
    answers.push({ id, output: truth });
    return { row: { id, input_field: `Translate: ${truth}`, output_field: truth, task_type: 'generation', metric: 'rougel' } };
  };
  // listed in path order: Generation/ sorts before MCQ/, PR before SA
  writeArray('Generation/MT.json', [
    mt('mt-1', 'a red cotton shirt for men'),
    { row: '{"id": "mt-2", "input_field": "Translate", "output_field": }', broken: 'not valid JSON' },
    mt('mt-3', 'blue running shoes'),
    {
      row: { id: 'mt-4', input_field: 'Translate: shoes', output_field: 'shoes', task_type: 'multiple-choice', metric: 'rougel' },
      broken: 'metric "rougel" scores generation rows, but task_type is "multiple-choice"',
    },
  ]);
  writeArray('MCQ/PR.json', [mcq('pr-1', 1), mcq('pr-2', 0), mcq('pr-3', '0')]);
  writeArray('MCQ/SA.json', [
    mcq('sa-1', '2'),
    mcq('sa-2', 2),
    mcq('sa-3', 0),
    mcq('sa-4', '1'),
    {
      row: { id: 'sa-bool', input_field: 'Is it good?', output_field: true, task_type: 'multiple-choice', metric: 'bool' },
      broken: 'metric "bool" is not one of',
    },
    { row: { id: 'sa-5', output_field: 1, task_type: 'multiple-choice', metric: 'accuracy' }, broken: 'input_field' },
  ]);
  const predictions = join(root, '..', `${root.split('/').at(-1) ?? 'set'}-predictions.jsonl`);
  writeFileSync(predictions, `${answers.map((answer) => JSON.stringify(answer)).join('\n')}\n`);
  return { root, predictions, broken, stringTruths, stringTruthIds };
}
