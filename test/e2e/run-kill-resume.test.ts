import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { resolveEmbedders } from '../../src/embeddings/resolve-embedders';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { spawnCli } from '../helpers/cli';
import { lineCount, waitFor } from '../helpers/wait';
import { DEV_SET, devSetAnswers, fakeRunOptions, readJson, temporaryDirectory } from './run-fixtures';

describe('shopeval run killed mid-run (child process, SIGKILL)', () => {
  it('resumes to the summary of an uninterrupted run without asking the fake for any item twice', async () => {
    const answer = await devSetAnswers();
    let holding = true;
    const answeredBeforeHold = 40;
    // admit exactly 40 calls, then hold every later one unanswered until the child is killed
    const admitted = () => server.log.calls.filter((call) => call.fault === undefined).length;
    const server = await startFakeOpenAIServer({
      answer,
      latencyMs: 5,
      faults: () => (holding && admitted() >= answeredBeforeHold ? 'hold' : undefined),
    });
    const reference = await startFakeOpenAIServer({ answer });
    try {
      const out = join(temporaryDirectory('kill'), 'run');
      const args = [
        '--data',
        DEV_SET,
        '--provider',
        'openai-compatible',
        '--model',
        'fake-model',
        '--base-url',
        `${server.url}/v1`,
        '--out',
        out,
        '--no-cache',
        '--concurrency',
        '4',
        '--timeout',
        '60000',
        '--embedding-backend',
        'none',
      ];
      const first = spawnCli(['run', ...args]);
      await waitFor(
        () => lineCount(join(out, 'responses.jsonl')) >= answeredBeforeHold && server.log.calls.some((call) => call.fault === 'hold'),
        60_000,
      );
      first.child.kill('SIGKILL');
      expect(await first.exit).toBeNull();
      expect(existsSync(join(out, 'summary.json'))).toBe(false);

      holding = false;
      const second = spawnCli(['run', ...args]);
      expect(await second.exit).toBe(0);
      expect(second.stderr()).toMatch(/resuming: 40 of 96 items already answered/);

      const uninterrupted = await runEvaluation({
        ...fakeRunOptions(temporaryDirectory('ref'), {
          provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${reference.url}/v1`, environment: {} },
        }),
        resolveEmbedders: () => resolveEmbedders({ backend: 'none', metrics: ['sent-transformer'] }),
      });
      expect(readJson(join(out, 'summary.json'))).toEqual(JSON.parse(JSON.stringify(uninterrupted.summary)));

      const dataset = await loadDataset(DEV_SET);
      const rowsPerPrompt = new Map<string, number>();
      for (const row of dataset.rows) rowsPerPrompt.set(row.input, (rowsPerPrompt.get(row.input) ?? 0) + 1);
      expect(server.log.answered).toEqual(rowsPerPrompt); // each item answered exactly once across both processes
    } finally {
      await server.close();
      await reference.close();
    }
  }, 120_000);
});
