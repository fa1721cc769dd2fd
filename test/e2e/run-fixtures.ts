import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { lexicalAnswer } from '../../src/providers/builtin/lexical-baseline';
import { requestItemOf } from '../../src/providers/provider';
import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import type { RunEvaluationOptions } from '../../src/pipeline/run-evaluation';
import type { RunReporter } from '../../src/pipeline/run-event';
import type { ItemRecord } from '../../src/scoring/records';
import { unusedPort } from '../fakes/fake-http-server';

export const DEV_SET = 'fixtures/datasets/shopbench-dev.jsonl';

/** A run reporter that keeps the messages of one kind of note (notices by default). */
export function notesInto(notes: string[], type: 'notice' | 'warning' = 'notice'): RunReporter {
  return (event) => {
    if (event.type === type) notes.push(event.message);
  };
}

/** What the fake model answers: the lexical baseline's answer to each dev-set prompt, so scores are known and non-trivial. */
export async function devSetAnswers(): Promise<(prompt: string) => string> {
  const dataset = await loadDataset(DEV_SET);
  const answers = new Map(dataset.rows.map((row) => [row.input, lexicalAnswer(row.input, requestItemOf(row))]));
  return (prompt) => answers.get(prompt) ?? '';
}

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `shopeval-${prefix}-`));
}

/** Options for a run against a fake server, with small backoff so fault runs stay fast. */
export function fakeRunOptions(out: string, overrides: Partial<RunEvaluationOptions> = {}): RunEvaluationOptions {
  return {
    data: DEV_SET,
    provider: { provider: 'openai-compatible', model: 'fake-model', environment: {} },
    profile: 'kddcup2024',
    out,
    prompt: { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS },
    concurrency: 8,
    timeoutMs: 300,
    retry: { maxAttempts: 8, initialDelayMs: 1, maxDelayMs: 20, maxRetryAfterMs: 20 },
    ...overrides,
  };
}

/** Every file under a directory, recursively. */
export function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The items.jsonl of a run directory (runEvaluation streams items to it instead of returning them). */
export function readItems(directory: string): ItemRecord[] {
  return readFileSync(join(directory, 'items.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ItemRecord);
}

/** The dev set's rows as JSON objects, for tests that build their own datasets from real rows. */
export function devSetRows(): Record<string, unknown>[] {
  return readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Whether a row is scored by a sentence-embedding metric (it needs an embedder, and `score` a second pass). */
export function isSemanticRow(row: Record<string, unknown>): boolean {
  return String(row['metric']).includes('sent-transformer');
}

/** `shopeval run` of the dev set by an OpenAI-compatible endpoint: the command line the run tests start from. */
export function openAiDevSetRunArgv(model: string, baseUrl: string): string[] {
  return ['run', '--data', DEV_SET, '--provider', 'openai-compatible', '--model', model, '--base-url', baseUrl];
}

/** `shopeval run` on the dev set against an OpenAI-compatible URL where nothing listens (a dead endpoint). */
export async function deadEndpointRunArgv(out: string): Promise<string[]> {
  const baseUrl = `http://127.0.0.1:${await unusedPort()}/v1`;
  return [...openAiDevSetRunArgv('m', baseUrl), '--out', out, '--no-cache', '--embedding-backend', 'none'];
}
