import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countOccurrences } from '../../src/util/count-occurrences';

describe('countOccurrences', () => {
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-count-'));

  it('counts a key in JSON Lines and in a pretty-printed array, not inside escaped strings', async () => {
    const lines = join(directory, 'rows.jsonl');
    writeFileSync(lines, '{"input_field": "say \\"input_field\\""}\n{"input_field": "b"}\n');
    const array = join(directory, 'rows.json');
    writeFileSync(array, JSON.stringify([{ input_field: 'a' }, { input_field: 'b' }, { input_field: 'c' }], null, 2));
    expect(await countOccurrences(lines, '"input_field"')).toBe(2);
    expect(await countOccurrences(array, '"input_field"')).toBe(3);
  });

  it('finds a match split across the 1 MiB read chunks, and never counts one twice', async () => {
    const path = join(directory, 'big.jsonl');
    const key = '"output"';
    for (const split of [1, 4, 7]) {
      // the key starts `split` bytes before the first chunk ends
      writeFileSync(path, `${'x'.repeat((1 << 20) - split)}${key}${key}`);
      expect(await countOccurrences(path, key)).toBe(2);
    }
    writeFileSync(path, `${'x'.repeat((1 << 20) - key.length)}${key}`);
    expect(await countOccurrences(path, key)).toBe(1);
    writeFileSync(path, 'aaaa');
    expect(await countOccurrences(path, 'aa')).toBe(2);
  });
});
