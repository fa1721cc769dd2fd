import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';

/**
 * Runs an OpenAI Batch input file the way the batch engines do, against a fake server through the real `openai` client,
 * and writes their output format (read from their code):
 * - openai: the Batch API's output file holds the successful lines, the error file the failed ones
 *   (`response.status_code` >= 400 with the server's `{error}` body); the output order is not the input's.
 * - vllm: `vllm/entrypoints/openai/run_batch.py` writes every line to the one output file; a failed request has
 *   `response: {status_code, request_id, body: null}` and `error` = the server's ErrorResponse.
 */
export type BatchEngine = 'openai' | 'vllm';

interface InputLine {
  readonly custom_id: string;
  readonly method: string;
  readonly url: string;
  readonly body: Record<string, unknown>;
}

export async function runBatchFile(args: {
  readonly requests: string;
  readonly baseURL: string;
  readonly output: string;
  readonly errors?: string;
  readonly engine: BatchEngine;
}): Promise<{ succeeded: number; failed: number }> {
  const ran = await runBatchLines(readFileSync(args.requests, 'utf8'), args.baseURL, args.engine);
  writeFileSync(args.output, ran.output.map((line) => `${line}\n`).join(''));
  if (args.errors !== undefined) writeFileSync(args.errors, ran.errors.map((line) => `${line}\n`).join(''));
  return { succeeded: ran.total - ran.failed, failed: ran.failed };
}

/** Runs the lines of a batch input file; returns the output and error files' lines. */
export async function runBatchLines(
  input: string,
  baseURL: string,
  engine: BatchEngine,
): Promise<{ output: string[]; errors: string[]; total: number; failed: number }> {
  const args = { engine };
  const client = new OpenAI({ baseURL, apiKey: 'batch-test', maxRetries: 0 });
  const lines = input
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as InputLine);
  const output: string[] = [];
  const errors: string[] = [];
  let failed = 0;
  for (const line of lines) {
    const id =
      args.engine === 'vllm' ? `vllm-${randomUUID().replace(/-/g, '')}` : `batch_req_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const requestId = args.engine === 'vllm' ? `vllm-batch-${randomUUID().replace(/-/g, '')}` : `req_${randomUUID().replace(/-/g, '')}`;
    try {
      const body: unknown =
        line.url === '/v1/chat/completions'
          ? await client.chat.completions.create(line.body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
          : await client.completions.create(line.body as unknown as OpenAI.CompletionCreateParamsNonStreaming);
      output.push(
        JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: 200, request_id: requestId, body }, error: null }),
      );
    } catch (error) {
      if (!(error instanceof OpenAI.APIError)) throw error;
      failed += 1;
      const status = error.status ?? 500;
      const serverError = { object: 'error', message: error.message, type: 'BadRequestError', param: null, code: status };
      if (args.engine === 'vllm')
        output.push(
          JSON.stringify({
            id,
            custom_id: line.custom_id,
            response: { status_code: status, request_id: requestId, body: null },
            error: serverError,
          }),
        );
      else
        errors.push(
          JSON.stringify({
            id,
            custom_id: line.custom_id,
            response: { status_code: status, request_id: requestId, body: { error: error.error ?? { message: error.message } } },
            error: null,
          }),
        );
    }
  }
  if (args.engine === 'openai') output.reverse(); // the Batch API does not keep the input order
  return { output, errors, total: lines.length, failed };
}
