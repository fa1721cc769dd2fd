import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveEmbedders } from '../../src/embeddings/resolve-embedders';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { isolatedCacheEnv } from '../helpers/cli';
import { lineCount, waitFor } from '../helpers/wait';
import { devSetAnswers, fakeRunOptions, openAiDevSetRunArgv, readJson, temporaryDirectory } from './run-fixtures';

function runBuiltCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { exit: Promise<number | null>; stderr: () => string; exitedAt: () => number } {
  const child = spawn(process.execPath, ['bin/shopeval.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  let exitedAt = 0;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitedAt = Date.now();
      resolve(code);
    }),
  );
  return { exit, stderr: () => stderr, exitedAt: () => exitedAt };
}

/** The words of a command printed with simple single-quote shell quoting. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((match) =>
    match[1] === undefined ? (match[2] ?? '') : match[1].replace(/'\\''/g, "'"),
  );
}

describe('a server killed mid-run (built CLI)', () => {
  beforeAll(() => {
    if (!existsSync('dist/src/cli/main.js'))
      throw new Error('dist/src/cli/main.js is missing: run `npm run build` (npm test does it for you)');
  });

  it('stops within --dead-endpoint-after, exits 3 keeping every answer, and the printed command resumes to the uninterrupted summary', async () => {
    const answer = await devSetAnswers();
    const secret = 'sk-dead-endpoint-SECRET-4242';
    let server = await startFakeOpenAIServer({ answer, latencyMs: 20 });
    const port = server.port;
    const reference = await startFakeOpenAIServer({ answer });
    const env = { ...isolatedCacheEnv(), OPENAI_API_KEY: secret };
    try {
      const out = join(temporaryDirectory('dead'), 'run');
      const args = [
        ...openAiDevSetRunArgv('fake-model', `${server.url}/v1`),
        '--api-key',
        secret,
        '--out',
        out,
        '--concurrency',
        '4',
        '--embedding-backend',
        'none',
        '--dead-endpoint-after',
        '3',
        '--tag',
        'lora_rank=16',
      ];
      const first = runBuiltCli(args, env);
      await waitFor(() => lineCount(join(out, 'responses.jsonl')) >= 30, 60_000);
      await server.close(); // killed: every connection is refused from now on
      const killedAt = Date.now();
      expect(await first.exit).toBe(3);
      const stoppedAfter = (first.exitedAt() - killedAt) / 1000;
      expect(stoppedAfter).toBeLessThan(3 + 10); // the bound, plus the in-flight attempt and process exit on a loaded machine
      const stderr = first.stderr();
      expect(stderr).toMatch(/has not answered for \d+ s .*the run stopped\. \d+ of 96 items are answered and kept/);
      expect(stderr).not.toContain(secret);
      const printed = /resume with: (shopeval run .*)$/m.exec(stderr)?.[1] ?? '';
      expect(printed).toContain(`--base-url http://127.0.0.1:${port}/v1`);
      expect(printed).toContain('--dead-endpoint-after 3');
      expect(printed).toContain('--tag lora_rank=16');
      expect(printed).toContain(`--out ${out}`);
      expect(printed).not.toMatch(/--api-key|--force/);
      const answeredBefore = lineCount(join(out, 'responses.jsonl'));
      expect(answeredBefore).toBeGreaterThanOrEqual(30);

      server = await startFakeOpenAIServer({ answer, port }); // the server is back at the same address
      const [program, ...rest] = shellWords(printed);
      expect(program).toBe('shopeval');
      const second = runBuiltCli(rest, env);
      expect(await second.exit).toBe(0);
      expect(second.stderr()).toMatch(/resuming: \d+ of 96 items already answered/);

      const uninterrupted = await runEvaluation({
        ...fakeRunOptions(temporaryDirectory('ref'), {
          provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${reference.url}/v1`, environment: {} },
        }),
        resolveEmbedders: () => resolveEmbedders({ backend: 'none', metrics: ['sent-transformer'] }),
      });
      expect(readJson(join(out, 'summary.json'))).toEqual(JSON.parse(JSON.stringify(uninterrupted.summary)));
    } finally {
      await server.close();
      await reference.close();
    }
  }, 180_000);
});
