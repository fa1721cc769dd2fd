import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricName, TaskType, Truth } from '../../src/dataset/row';
import { parseJsonLossless } from './lossless-json';

export interface ParityCase {
  readonly id: string;
  readonly task_type: TaskType;
  readonly metric: MetricName;
  readonly output: string;
  readonly truth: Truth;
  readonly kddcup2024: { readonly parsed: unknown; readonly score: number | readonly number[] };
  readonly shoppingmmlu: { readonly score: number | readonly number[] | null; readonly error?: string; readonly nonfinite?: string };
  readonly tags: readonly string[];
}

export interface ParityAggregate {
  readonly id: string;
  readonly kind: 'task' | 'track' | 'overall';
  readonly task_name?: string;
  readonly track_name?: string;
  readonly case_ids?: readonly string[];
  readonly task_ids?: readonly string[];
  readonly track_ids?: readonly string[];
  readonly kddcup2024: { readonly score: number; readonly all_tasks_mean?: number };
  readonly shoppingmmlu: { readonly score: number | null; readonly error?: string; readonly nonfinite?: string };
}

const PARITY_DIR = join(__dirname, '..', '..', 'fixtures', 'parity');

function readLines<T>(file: string): T[] {
  return readFileSync(join(PARITY_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseJsonLossless(line) as T);
}

/** The per-item cases computed by the official Python scorers (fixtures/parity, see fixtures/README.md). */
export function loadParityCases(): ParityCase[] {
  return readLines<ParityCase>('cases-public.jsonl');
}

export function loadParityAggregates(): ParityAggregate[] {
  return readLines<ParityAggregate>('aggregates-public.jsonl');
}
