import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateResponse } from '../providers/provider';
import { ProviderCallError, type CallFailureKind } from '../providers/provider-call-error';
import { IdIndex } from '../util/id-index';

/** One request's outcome in a batch output or error file: an answer, or why there is none. */
export type BatchOutcome = { readonly answer: GenerateResponse } | { readonly error: ProviderCallError };

type StoredLine =
  | { readonly id: string; readonly answer: GenerateResponse }
  | { readonly id: string; readonly error: { readonly kind: CallFailureKind; readonly status?: number; readonly message: string } };

/**
 * The outcomes of a batch by request key (row id and body hash), kept in a temporary file with only offsets in memory
 * (an IdIndex), so ingesting a million answers costs what run's response log costs, not a million objects.
 */
export class BatchOutcomeStore {
  private readonly directory = mkdtempSync(join(tmpdir(), 'shopeval-ingest-'));
  private readonly descriptor = openSync(join(this.directory, 'outcomes.jsonl'), 'w+');
  private readonly index = new IdIndex();
  private bytes = 0;

  get size(): number {
    return this.index.size;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  set(key: string, outcome: BatchOutcome): void {
    const line: StoredLine =
      'answer' in outcome
        ? { id: key, answer: outcome.answer }
        : {
            id: key,
            error: {
              kind: outcome.error.kind,
              message: outcome.error.message,
              ...(outcome.error.status === undefined ? {} : { status: outcome.error.status }),
            },
          };
    const data = Buffer.from(JSON.stringify(line) + '\n', 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(this.descriptor, data, written, data.length - written, this.bytes + written);
    this.index.set(key, this.bytes, data.length);
    this.bytes += data.length;
  }

  get(key: string): BatchOutcome | undefined {
    const place = this.index.get(key);
    if (place === undefined) return undefined;
    const [offset, length] = place;
    const buffer = Buffer.alloc(length);
    readSync(this.descriptor, buffer, 0, length, offset);
    const line = JSON.parse(buffer.toString('utf8')) as StoredLine;
    if (line.id !== key) return undefined; // two ids sharing a 53-bit hash: never in practice, never a wrong answer
    if ('answer' in line) return { answer: line.answer };
    // a batch line is never retried here: isRetryable only keeps a run of error lines from tripping the circuit breaker
    return { error: new ProviderCallError({ ...line.error, isRetryable: true }) };
  }

  close(): void {
    closeSync(this.descriptor);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
