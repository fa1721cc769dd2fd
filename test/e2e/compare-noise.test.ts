import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-harness';

const DEV_SET = 'fixtures/datasets/shopbench-dev.jsonl';
/** Pairs of builtin `random` seeds whose 95%-per-score gate exited 1 before the Bonferroni adjustment (pure noise). */
const NOISE_PAIRS: readonly (readonly [number, number])[] = [[1, 2], [5, 6], [7, 6], [8, 7], [12, 11], [3, 4], [4, 3], [10, 9]];

describe('the regression gate on noise: builtin random runs with different seeds', () => {
  let workspace: string;
  const runDirectory = (seed: number): string => join(workspace, `seed${seed}`);

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-noise-'));
    for (const seed of [...new Set(NOISE_PAIRS.flat())]) {
      const result = await runCli(['run', '--data', DEV_SET, '--provider', 'builtin', '--model', 'random', '--seed', String(seed), '--no-cache', '--out', runDirectory(seed)]);
      if (result.exitCode !== 0) throw new Error(`run --seed ${seed} failed: ${result.stderr}`);
    }
  }, 120000);
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it.each(NOISE_PAIRS)('seed %i vs seed %i exits 0 and names the adjusted level', async (baseline, candidate) => {
    const result = await runCli(['compare', runDirectory(baseline), runDirectory(candidate), '--fail-on-regression']);
    expect(result.stdout).toMatch(/^PASS: no regression larger than 0 with the 99% interval \(Bonferroni over 5 checked scores\) excluding 0/m);
    expect(result.stdout).toMatch(/the regression gate uses 99% intervals \(Bonferroni over 5 checked scores\)/);
    expect(result.exitCode).toBe(0);
  }, 30000);
});
