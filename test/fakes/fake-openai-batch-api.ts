import { randomUUID } from 'node:crypto';
import { sendJson, type RouteContext, type RouteHandler } from './fake-http-server';
import { runBatchLines } from './fake-batch-runner';

/**
 * The OpenAI files and batches endpoints as the hosted API answers them (openai-openapi: File, Batch): an upload is a
 * multipart form (`purpose`, `file`); a batch goes validating -> in_progress -> completed, runs its lines against the
 * fake's own /v1 routes, and names an output file (the successful lines, null when none) and an error file (the
 * failed ones, null when none); unknown ids are 404s with the API's error body.
 */
export function openAIBatchRoutes(selfURL: () => string): Record<string, RouteHandler> {
  const files = new Map<string, { readonly object: Record<string, unknown>; readonly content: string }>();
  const batches = new Map<string, Record<string, unknown>>();
  const now = (): number => Math.floor(Date.now() / 1000);
  const notFound = (context: RouteContext, what: string): void =>
    sendJson(context.response, 404, {
      error: { message: `No such ${what}: '${context.path.split('/')[3] ?? ''}'`, type: 'invalid_request_error', param: 'id', code: null },
    });
  const storeFile = (content: string, filename: string, purpose: string): Record<string, unknown> => {
    const object = {
      id: `file-${randomUUID().replace(/-/g, '').slice(0, 22)}`,
      object: 'file',
      bytes: Buffer.byteLength(content),
      created_at: now(),
      filename,
      purpose,
      status: 'processed',
      expires_at: null,
      status_details: null,
    };
    files.set(String(object.id), { object, content });
    return object;
  };
  const run = async (batch: Record<string, unknown>, input: string): Promise<void> => {
    Object.assign(batch, { status: 'in_progress', in_progress_at: now() });
    const ran = await runBatchLines(input, `${selfURL()}/v1`, 'openai');
    const text = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');
    Object.assign(batch, {
      status: 'completed',
      completed_at: now(),
      finalizing_at: now(),
      output_file_id: ran.output.length === 0 ? null : storeFile(text(ran.output), 'batch_output.jsonl', 'batch_output').id,
      error_file_id: ran.errors.length === 0 ? null : storeFile(text(ran.errors), 'batch_errors.jsonl', 'batch_output').id,
      request_counts: { total: ran.total, completed: ran.total - ran.failed, failed: ran.failed },
    });
  };
  return {
    'POST /v1/files': (context) => {
      const parts = multipartFields(context);
      const file = parts.get('file');
      if (file === undefined || parts.get('purpose')?.content !== 'batch') {
        return sendJson(context.response, 400, {
          error: { message: 'a batch upload needs purpose "batch" and a file', type: 'invalid_request_error', param: 'file', code: null },
        });
      }
      sendJson(context.response, 200, storeFile(file.content, file.filename ?? 'upload.jsonl', 'batch'));
    },
    'GET /v1/files/*': (context) => {
      const id = context.path.split('/')[3] ?? '';
      const file = files.get(id);
      if (file === undefined) return notFound(context, 'file');
      if (context.path.endsWith('/content')) {
        context.response.writeHead(200, { 'content-type': 'application/octet-stream' });
        context.response.end(file.content);
        return;
      }
      sendJson(context.response, 200, file.object);
    },
    'POST /v1/batches': (context) => {
      const input = files.get(String(context.body['input_file_id']));
      if (input === undefined)
        return sendJson(context.response, 400, {
          error: {
            message: `Invalid input_file_id '${String(context.body['input_file_id'])}'`,
            type: 'invalid_request_error',
            param: 'input_file_id',
            code: null,
          },
        });
      const batch: Record<string, unknown> = {
        id: `batch_${randomUUID().replace(/-/g, '')}`,
        object: 'batch',
        endpoint: context.body['endpoint'],
        errors: null,
        input_file_id: input.object['id'],
        completion_window: context.body['completion_window'],
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        created_at: now(),
        in_progress_at: null,
        expires_at: now() + 86_400,
        finalizing_at: null,
        completed_at: null,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total: 0, completed: 0, failed: 0 },
        metadata: context.body['metadata'] ?? null,
      };
      batches.set(String(batch['id']), batch);
      sendJson(context.response, 200, batch);
      void run(batch, input.content);
    },
    'GET /v1/batches/*': (context) => {
      const batch = batches.get(context.path.split('/')[3] ?? '');
      if (batch === undefined) return notFound(context, 'batch');
      sendJson(context.response, 200, batch);
    },
  };
}

/** The fields of a multipart/form-data body: name -> content (and filename for a file part). */
function multipartFields(context: RouteContext): Map<string, { content: string; filename?: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(context.contentType);
  const fields = new Map<string, { content: string; filename?: string }>();
  const marker = `--${boundary?.[1] ?? boundary?.[2] ?? ''}`;
  for (const part of context.raw.toString('utf8').split(marker)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const headers = part.slice(0, split);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    fields.set(name, { content: part.slice(split + 4).replace(/\r\n$/, ''), ...(filename === undefined ? {} : { filename }) });
  }
  return fields;
}
