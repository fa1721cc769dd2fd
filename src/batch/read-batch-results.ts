import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DatasetError } from '../errors';
import { defined } from '../util/defined';
import { ProviderCallError } from '../providers/provider-call-error';
import { readOpenAIAnswer } from '../providers/openai-compatible/response-body';
import type { OpenAIApi } from '../providers/openai-compatible/request-body';
import { IdIndex } from '../util/id-index';
import { BatchOutcomeStore, type BatchOutcome } from './batch-outcome-store';

/** The exported requests, looked up by custom_id without holding a million strings. */
export interface ExpectedRequests {
  readonly size: number;
  /** The request key a custom_id's outcome is stored by (row id and body hash), and whether it asked for log-probabilities. */
  lookup(customId: string): { readonly key: string; readonly logprobs: boolean } | undefined;
  /** The first exported custom_id whose request has no outcome. */
  firstMissing(hasOutcome: (key: string) => boolean): Promise<string | undefined>;
}

export interface BatchResultsCheck {
  readonly api: OpenAIApi;
  /** The model the export asked for; a hosted answer may name a dated snapshot of it (`gpt-4o-mini-2024-07-18`). */
  readonly model: string;
  readonly expected: ExpectedRequests;
}

/**
 * Reads OpenAI Batch output and error files (one `{id, custom_id, response: {status_code, request_id, body}, error}` per
 * line; vLLM's run_batch writes its errors into the output file) into each row's outcome. A line whose custom_id no
 * exported request has (other data, filters, model, prompt settings or repeats), a request answered twice, an answer from another model, or a request with no line at all is
 * refused naming the file and line: the results are not those of this export.
 */
export async function readBatchResults(files: readonly string[], check: BatchResultsCheck): Promise<BatchOutcomeStore> {
  const outcomes = new BatchOutcomeStore();
  try {
    await readInto(outcomes, files, check);
    return outcomes;
  } catch (error) {
    outcomes.close();
    throw error;
  }
}

async function readInto(outcomes: BatchOutcomeStore, files: readonly string[], check: BatchResultsCheck): Promise<void> {
  const seenAt = new IdIndex(); // custom_id -> (file, line)
  for (const [fileIndex, file] of files.entries()) {
    let lineNumber = 0;
    for await (const text of createInterface({ input: openFile(file), crlfDelay: Infinity })) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      const where = { file, position: lineNumber, kind: 'line' as const };
      const line = parseLine(text, where);
      const request = check.expected.lookup(line.customId);
      if (request === undefined) {
        throw new DatasetError(`custom_id ${JSON.stringify(line.customId)} is not one of the exported requests`, {
          location: where,
          hint: 'These results belong to another export (other data, filters, model or prompt settings): ingest them with the --requests file they were run from.',
        });
      }
      const earlier = seenAt.get(line.customId);
      if (earlier !== undefined)
        throw new DatasetError(
          `custom_id ${JSON.stringify(line.customId)} was already answered at ${files[earlier[0]] ?? ''}:${earlier[1]}`,
          { location: where, hint: 'Pass each results file once.' },
        );
      seenAt.set(line.customId, fileIndex, lineNumber);
      outcomes.set(request.key, outcomeOf(line, check, request.logprobs, where));
    }
  }
  if (outcomes.size < check.expected.size) {
    const example = await check.expected.firstMissing((key) => outcomes.has(key));
    throw new DatasetError(
      `${check.expected.size - outcomes.size} of the ${check.expected.size} exported requests have no line in ${files.join(' or ')} (e.g. custom_id ${JSON.stringify(example)})`,
      {
        hint: "Pass the batch's error file too (--errors FILE), or wait until the batch has finished.",
      },
    );
  }
}

interface BatchLine {
  readonly customId: string;
  readonly response: { readonly statusCode: number; readonly body: unknown } | undefined;
  readonly error: unknown;
}

function openFile(file: string): NodeJS.ReadableStream {
  const stream = createReadStream(file, { encoding: 'utf8' });
  stream.on('error', () => undefined); // the readline loop rethrows it
  return stream;
}

function parseLine(text: string, where: { file: string; position: number; kind: 'line' }): BatchLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DatasetError('not a JSON object (an OpenAI Batch output line)', { location: where });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DatasetError('not a JSON object (an OpenAI Batch output line)', { location: where });
  const record = value as Record<string, unknown>;
  if (typeof record['custom_id'] !== 'string') throw new DatasetError('field custom_id: expected a string', { location: where });
  const response = record['response'];
  if (
    response !== undefined &&
    response !== null &&
    (typeof response !== 'object' || !Number.isInteger((response as Record<string, unknown>)['status_code']))
  ) {
    throw new DatasetError('field response: expected null or { status_code, request_id, body }', { location: where });
  }
  const parsed =
    response === undefined || response === null
      ? undefined
      : { statusCode: (response as { status_code: number }).status_code, body: (response as { body?: unknown }).body };
  return { customId: record['custom_id'], response: parsed, error: record['error'] ?? null };
}

function outcomeOf(
  line: BatchLine,
  check: BatchResultsCheck,
  logprobs: boolean,
  where: { file: string; position: number; kind: 'line' },
): BatchOutcome {
  const { response } = line;
  if (response === undefined || response.statusCode < 200 || response.statusCode >= 300 || line.error !== null) {
    return { error: lineError(line) };
  }
  const model = (response.body as { model?: unknown } | null | undefined)?.model;
  if (typeof model === 'string' && model !== check.model && !model.startsWith(`${check.model}-`)) {
    throw new DatasetError(`answered by model ${JSON.stringify(model)}, but the export asked for ${JSON.stringify(check.model)}`, {
      location: where,
      hint: 'Ingest results with the --requests file of the export they were run from.',
    });
  }
  try {
    const answer = readOpenAIAnswer(check.api, response.body, { logprobs });
    const { usage, systemFingerprint, reasoning, firstTokenLogprobs } = answer;
    // the adapter's own reading of a live answer: the same fields reach the response log
    return {
      answer: {
        text: answer.text ?? '',
        latencyMs: 0,
        ...defined({ usage, systemFingerprint, reasoning, firstTokenLogprobs }),
        ...(answer.text === null ? { nullContent: true } : {}),
      },
    };
  } catch (error) {
    if (error instanceof ProviderCallError) return { error };
    throw error;
  }
}

/** The line's failure as the adapter would have classified the live call: status and the server's message. */
function lineError(line: BatchLine): ProviderCallError {
  const bodyError = (line.response?.body as { error?: { message?: unknown } } | null | undefined)?.error;
  const lineErrorObject = line.error as { code?: unknown; message?: unknown } | null;
  const message =
    [lineErrorObject?.code, lineErrorObject?.message ?? bodyError?.message]
      .filter((part) => typeof part === 'string' || typeof part === 'number')
      .join(': ') || 'the batch gave no answer';
  const status = line.response?.statusCode;
  // a batch line is never retried here: isRetryable only keeps a run of error lines from tripping the circuit breaker
  return status === undefined || (status >= 200 && status < 300)
    ? new ProviderCallError({ kind: 'invalid-response', message: `batch: ${message}`, isRetryable: true })
    : new ProviderCallError({ kind: 'http', status, message: `batch: ${message}`, isRetryable: true });
}
