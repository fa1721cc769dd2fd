import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { DEV_SET, devSetAnswers, readItems, temporaryDirectory } from '../e2e/run-fixtures';

const KEY = 'sk-test-HOSTEDSECRET123';

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('shopeval batch submit / status (the OpenAI files and batches APIs through the real client)', () => {
  let server: RunningFakeServer;
  const refused = new Set<string>();

  beforeAll(async () => {
    const answer = await devSetAnswers();
    server = await startFakeOpenAIServer({
      flavour: 'openai',
      batchApi: true,
      answer,
      faults: (_call, prompt) => (refused.has(prompt) ? 'http-400' : undefined),
    });
  });
  afterAll(() => server.close());

  it('uploads the export, follows the batch, downloads its output and error files, and ingest makes the run of them', async () => {
    const directory = temporaryDirectory('hosted-batch');
    const requests = join(directory, 'requests.jsonl');
    expect((await runCliInProcess(['batch', 'export', '--data', DEV_SET, '--model', 'fake-model', '--out', requests])).status).toBe(0);
    const first = JSON.parse(readFileSync(requests, 'utf8').split('\n')[0] ?? '{}') as { body: { messages: { content: string }[] } };
    refused.add(first.body.messages[0]?.content ?? '');

    const hosted = ['--base-url', `${server.url}/v1`, '--api-key', KEY];
    const submitted = await runCliInProcess(['batch', 'submit', '--requests', requests, ...hosted]);
    expect(submitted.stderr).not.toMatch(/unexpected error/);
    expect(submitted.status).toBe(0);
    const id = submitted.stdout.trim();
    expect(id).toMatch(/^batch_[0-9a-f]+$/);

    const downloads = join(directory, 'downloads');
    let status = await runCliInProcess(['batch', 'status', id, '--out', downloads, ...hosted]);
    for (let attempt = 0; attempt < 100 && !status.stdout.includes(': completed'); attempt += 1) {
      await sleep(100);
      status = await runCliInProcess(['batch', 'status', id, '--out', downloads, ...hosted]);
    }
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`batch ${id}: completed (95 of 96 requests completed, 1 failed)`);
    expect(status.stderr).toContain(`downloaded ${join(downloads, 'results.jsonl')} and ${join(downloads, 'errors.jsonl')}`);
    for (const output of [submitted.stdout, submitted.stderr, status.stdout, status.stderr]) expect(output).not.toContain('HOSTEDSECRET');
    for (const headers of server.log.headers)
      if (headers['content-type']?.startsWith('multipart/form-data') === true) expect(headers.authorization).toBe(`Bearer ${KEY}`);

    const out = join(directory, 'run');
    const ingested = await runCliInProcess([
      'batch',
      'ingest',
      join(downloads, 'results.jsonl'),
      '--errors',
      join(downloads, 'errors.jsonl'),
      '--requests',
      requests,
      '--data',
      DEV_SET,
      '--embedding-backend',
      'none',
      '--out',
      out,
    ]);
    expect(ingested.status).toBe(0);
    const failed = readItems(out).filter((item) => item.api_error !== undefined);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.api_error).toMatch(/^http 400: batch: /);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain('HOSTEDSECRET');
  }, 120_000);

  it('refuses an unknown batch id and an edited requests file, saying what to do', async () => {
    const hosted = ['--base-url', `${server.url}/v1`, '--api-key', KEY];
    const unknown = await runCliInProcess(['batch', 'status', 'batch_nope', ...hosted]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain('asking for batch batch_nope: http 404');

    const directory = temporaryDirectory('hosted-edited');
    const requests = join(directory, 'requests.jsonl');
    expect(
      (await runCliInProcess(['batch', 'export', '--data', DEV_SET, '--model', 'fake-model', '--limit', '1', '--out', requests])).status,
    ).toBe(0);
    appendFileSync(requests, '\n');
    const edited = await runCliInProcess(['batch', 'submit', '--requests', requests, ...hosted]);
    expect(edited.status).toBe(2);
    expect(edited.stderr).toContain(`${requests} changed since it was exported`);
  }, 60_000);
});
