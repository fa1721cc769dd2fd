import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli';

const DEV_SET = 'fixtures/datasets/shopbench-dev.jsonl';
/** Pairs of builtin `random` seeds whose 95%-per-score gate exited 1 before the Bonferroni adjustment (pure noise). */
const NOISE_PAIRS: readonly (readonly [number, number])[] = [
  [1, 2],
  [5, 6],
  [7, 6],
  [8, 7],
  [12, 11],
  [3, 4],
  [4, 3],
  [10, 9],
];
/** `shopeval run --provider builtin --model random --seed N` of the dev set, made by fixtures/generators/make-noise-runs.js. */
const runDirectory = (seed: number): string => join('fixtures', 'runs', 'noise', `seed${seed}`);

describe('the regression gate on noise: builtin random runs with different seeds', () => {
  it('the committed noise runs are what shopeval run writes today (else: node fixtures/generators/make-noise-runs.js)', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'shopeval-noise-'));
    try {
      const out = join(workspace, 'seed1');
      const result = await runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'builtin',
        '--model',
        'random',
        '--seed',
        '1',
        '--no-cache',
        '--embedding-backend',
        'none',
        '--out',
        out,
      ]);
      expect(result.status).toBe(0);
      for (const file of ['items.jsonl', 'summary.json']) {
        expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(runDirectory(1), file), 'utf8'));
      }
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 60000);

  it.each(NOISE_PAIRS)(
    'seed %i vs seed %i exits 0 and names the adjusted level',
    async (baseline, candidate) => {
      const result = await runCliInProcess(['compare', runDirectory(baseline), runDirectory(candidate), '--fail-on-regression']);
      expect(result.stdout).toMatch(
        /^PASS: no regression larger than 0 with the 99% interval \(Bonferroni over 5 checked scores\) excluding 0/m,
      );
      expect(result.stdout).toMatch(/the regression gate uses 99% intervals \(Bonferroni over 5 checked scores\)/);
      expect(result.status).toBe(0);
    },
    30000,
  );
});
