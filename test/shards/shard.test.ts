import { loadDataset } from '../../src/dataset/load-dataset';
import { ConfigError } from '../../src/errors';
import { inShard, parseShard, shardOfId } from '../../src/shards/shard';
import { DEV_SET } from '../e2e/run-fixtures';

describe('--shard I/N', () => {
  it.each([
    ['0/1', 0, 1],
    ['3/4', 3, 4],
    [' 2 / 8 ', 2, 8],
  ])('parses %s', (text, index, count) => {
    expect(parseShard(text)).toEqual({ index, count });
  });

  it.each(['4/4', '1/0', '-1/4', '1', 'a/b', '1/4/2', '1.5/4', ''])('refuses %j, naming the flag and the form', (text) => {
    expect(() => parseShard(text)).toThrow(ConfigError);
    expect(() => parseShard(text)).toThrow(`--shard ${text}: expected I/N with 0 <= I < N`);
  });

  it('puts each row in exactly one shard, from its id alone, and splits the rows about evenly', async () => {
    const { rows } = await loadDataset(DEV_SET);
    for (const count of [1, 2, 3, 7]) {
      const sizes = Array.from({ length: count }, () => 0);
      for (const row of rows) {
        const owners = sizes.map((_size, index) => index).filter((index) => inShard(row.id, { index, count }));
        expect(owners).toEqual([shardOfId(row.id, count)]);
        sizes[shardOfId(row.id, count)] = (sizes[shardOfId(row.id, count)] ?? 0) + 1;
      }
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(rows.length);
      for (const size of sizes) expect(size).toBeGreaterThan(rows.length / count / 3);
    }
    // a stable hash, not an order: these ids land where they always have (a change would split old shard runs differently)
    expect([shardOfId('r-0000000000000000', 4), shardOfId('q-1', 4), shardOfId('日本語', 4)]).toEqual([2, 2, 1]);
    expect([shardOfId('r-0000000000000000', 7), shardOfId('q-1', 7), shardOfId('日本語', 7)]).toEqual([4, 2, 6]);
  });
});
