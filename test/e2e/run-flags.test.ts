import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli';
import { deadEndpointRunArgv, DEV_SET, openAiDevSetRunArgv, temporaryDirectory } from './run-fixtures';

describe('shopeval run: numeric and URL flags are checked before anything runs', () => {
  const run = (extra: readonly string[]) =>
    runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--out',
      join(temporaryDirectory('flags'), 'run'),
      '--embedding-backend',
      'none',
      ...extra,
    ]);

  it.each([
    [['--max-error-rate', '5%'], /--max-error-rate 5%: expected a number from 0 to 1/],
    [['--max-error-rate', '1.5'], /--max-error-rate 1\.5: expected a number from 0 to 1/],
    [['--concurrency', '0'], /--concurrency 0: expected a positive integer/],
    [['--concurrency', 'lots'], /--concurrency lots: expected a positive integer/],
    [['--timeout', '1.5'], /--timeout 1\.5: expected a positive integer/],
    [['--max-attempts', '-1'], /--max-attempts -1: expected a positive integer/],
    [['--temperature', '-0.1'], /--temperature -0\.1: expected a finite number >= 0/],
    [['--temperature', 'hot'], /--temperature hot: expected a finite number >= 0/],
    [['--seed', '1.5'], /--seed 1\.5: expected an integer/],
  ])('%j is a config error (exit 2)', async (flags, message) => {
    const result = await run(flags);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/run directory:/);
  });

  it('refuses a base URL that is not a URL, and one holding a password without echoing it', async () => {
    const notUrl = await runCliInProcess([...openAiDevSetRunArgv('m', 'notaurl'), '--no-cache']);
    expect(notUrl.status).toBe(2);
    expect(notUrl.stderr).toMatch(/--base-url \/ OPENAI_BASE_URL: "notaurl" is not an http\(s\) URL/);
    const withPassword = await runCliInProcess([...openAiDevSetRunArgv('m', 'http://me:pa55word-xyz@127.0.0.1:1/v1'), '--no-cache']);
    expect(withPassword.status).toBe(2);
    expect(withPassword.stderr).toMatch(/holds credentials/);
    expect(withPassword.stderr).toMatch(/--api-key or OPENAI_API_KEY/);
    expect(withPassword.stderr).not.toContain('pa55word-xyz');
  });

  it('accepts good values and prints the run directory first', async () => {
    const out = join(temporaryDirectory('flags-ok'), 'run');
    const result = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--out',
      out,
      '--embedding-backend',
      'none',
      '--max-error-rate',
      '0.05',
      '--seed',
      '7',
      '--temperature',
      '0',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr.startsWith(`run directory: ${out}\n`)).toBe(true);
  });
});

describe('shopeval run: a run is announced once its inputs are accepted', () => {
  it('refuses an invalid dataset (exit 2, file:line and field) without announcing a run directory or writing anything', async () => {
    const scratch = temporaryDirectory('invalid-data');
    const [first = '', second = ''] = readFileSync(DEV_SET, 'utf8').split('\n');
    const broken = JSON.stringify({ ...(JSON.parse(second) as Record<string, unknown>), task_type: 'guessing' });
    const data = join(scratch, 'broken.jsonl');
    writeFileSync(data, `${first}\n${broken}\n`);
    const out = join(scratch, 'run');
    const result = await runCliInProcess(['run', '--data', data, '--provider', 'builtin', '--out', out, '--embedding-backend', 'none']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/broken\.jsonl:2\b.*task_type/);
    expect(result.stderr).not.toMatch(/run directory:/);
    expect(existsSync(out)).toBe(false);
  });

  it('announces the run directory before the endpoint is probed, so a dead endpoint names it but leaves it unwritten', async () => {
    const out = join(temporaryDirectory('announced'), 'run');
    const result = await runCliInProcess(await deadEndpointRunArgv(out));
    expect(result.status).toBe(3);
    expect(result.stderr.startsWith(`run directory: ${out}\n`)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
