import { createHash } from 'node:crypto';
import type { ShopBenchRow } from '../dataset/row';
import { createSeededRandom } from '../stats/seeded-random';
import type { FewShotExample, FewShotPool } from './few-shot-pool';

/** The default `--few-shot-seed`: fixed, so two runs with the same flags show the model the same examples. */
export const DEFAULT_FEW_SHOT_SEED = 1234;

/**
 * Up to `k` examples of the row's task, drawn without replacement with a generator seeded by (seed, row id): the draw
 * depends on the row alone, never on order or concurrency, so a resume draws the same. The row itself is never among
 * them, matched by id and by its question text (the same row under another id).
 */
export function sampleFewShot(
  pool: FewShotPool,
  row: Pick<ShopBenchRow, 'id' | 'input' | 'taskName'>,
  k: number,
  seed: number,
): FewShotExample[] {
  const candidates = (pool.byTask.get(row.taskName) ?? []).filter((example) => example.id !== row.id && example.input !== row.input);
  const digest = createHash('sha256').update(`${seed}\u0000${row.id}`).digest();
  const random = createSeededRandom(digest.readUInt32LE(0));
  const chosen = [...candidates];
  const count = Math.min(k, chosen.length);
  // partial Fisher-Yates: the first `count` places end up a uniform draw
  for (let index = 0; index < count; index += 1) {
    const pick = index + Math.floor(random() * (chosen.length - index));
    const held = chosen[index] as FewShotExample;
    chosen[index] = chosen[pick] as FewShotExample;
    chosen[pick] = held;
  }
  return chosen.slice(0, count);
}
