import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { DEV_SET, devSetAnswers, readItems, temporaryDirectory } from '../e2e/run-fixtures';
import type { RunSummary } from '../../src/scoring/records';
import { loadDataset } from '../../src/dataset/load-dataset';

const OFFLINE = ['--provider', 'builtin', '--embedding-backend', 'none'];

function text(directory: string, file: string): string {
  return readFileSync(join(directory, file), 'utf8');
}

async function run(args: readonly string[]): Promise<void> {
  const result = await runCliInProcess(['run', '--data', DEV_SET, ...args]);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.status).toBe(0);
}

describe('shopeval run --shard I/N and shopeval merge', () => {
  it.each([
    ['3 shards of the whole dev set', 3, []],
    ['4 shards after --limit 2 (the shards split the rows the unsharded run answers)', 4, ['--limit', '2']],
    ['1 shard', 1, []],
  ])(
    '%s merge into the single run: summary.json byte for byte, the same items',
    async (_name, count, filters) => {
      const directory = temporaryDirectory('shards');
      await run([...OFFLINE, ...filters, '--out', join(directory, 'single')]);
      const shards = Array.from({ length: count }, (_unused, index) => join(directory, `shard-${index}`));
      for (const [index, shard] of shards.entries()) await run([...OFFLINE, ...filters, '--shard', `${index}/${count}`, '--out', shard]);
      const sizes = shards.map((shard) => readItems(shard).length);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(readItems(join(directory, 'single')).length);

      const merged = join(directory, 'merged');
      const result = await runCliInProcess(['merge', ...[...shards].reverse(), '--embedding-backend', 'none', '--out', merged]);
      expect(result.stderr).toContain(`merged ${count} shards`);
      expect(result.status).toBe(0);
      expect(text(merged, 'summary.json')).toBe(text(join(directory, 'single'), 'summary.json'));
      expect(text(merged, 'items.jsonl')).toBe(text(join(directory, 'single'), 'items.jsonl'));
      const manifest = JSON.parse(text(merged, 'manifest.json')) as Record<string, unknown>;
      const single = JSON.parse(text(join(directory, 'single'), 'manifest.json')) as Record<string, unknown>;
      for (const field of ['dataset', 'filters', 'model', 'provider', 'identity', 'prompt', 'counts', 'profile'])
        expect([field, manifest[field]]).toEqual([field, single[field]]);
      expect(manifest['merged_from']).toHaveLength(count);

      // the merged run is a normal run directory: report reads it
      const report = await runCliInProcess(['report', merged, '--format', 'json', '--output', join(directory, 'report.json')]);
      expect(report.status).toBe(0);
    },
    180_000,
  );

  it('merges shards that left invalid rows out (--skip-invalid-rows) over the same valid rows, without being told', async () => {
    const directory = temporaryDirectory('shards-invalid');
    const data = join(directory, 'with-invalid.jsonl');
    writeFileSync(data, readFileSync(DEV_SET, 'utf8').trimEnd() + '\n{"input_field": "no truth"}\n');
    const flags = ['--data', data, ...OFFLINE, '--skip-invalid-rows'];
    const runWith = async (args: readonly string[]): Promise<void> =>
      expect((await runCliInProcess(['run', ...flags, ...args])).status).toBe(0);
    await runWith(['--out', join(directory, 'single')]);
    await runWith(['--shard', '0/2', '--out', join(directory, 'a')]);
    await runWith(['--shard', '1/2', '--out', join(directory, 'b')]);
    const merged = join(directory, 'merged');
    expect(
      (await runCliInProcess(['merge', join(directory, 'a'), join(directory, 'b'), '--embedding-backend', 'none', '--out', merged])).status,
    ).toBe(0);
    expect(text(merged, 'summary.json')).toBe(text(join(directory, 'single'), 'summary.json'));
    expect((JSON.parse(text(merged, 'summary.json')) as RunSummary).dataset.skipped_rows).toBe(1);
  }, 120_000);

  it("keeps each shard's API errors and its checkpoint identity through the merge (a real endpoint, the real client)", async () => {
    const answer = await devSetAnswers();
    const refused = new Set<string>();
    const server = await startFakeOpenAIServer({ answer, faults: (_call, prompt) => (refused.has(prompt) ? 'http-400' : undefined) });
    try {
      const { rows } = await loadDataset(DEV_SET);
      for (const row of rows.slice(0, 4)) refused.add(row.input);
      const directory = temporaryDirectory('shards-server');
      const flags = [
        '--provider',
        'openai-compatible',
        '--base-url',
        `${server.url}/v1`,
        '--model',
        'fake-model',
        '--no-cache',
        '--max-attempts',
        '1',
        '--max-error-rate',
        '1',
        '--embedding-backend',
        'none',
      ];
      await run([...flags, '--out', join(directory, 'single')]);
      await run([...flags, '--shard', '0/2', '--out', join(directory, 'a')]);
      await run([...flags, '--shard', '1/2', '--out', join(directory, 'b')]);
      const merged = join(directory, 'merged');
      expect(
        (await runCliInProcess(['merge', join(directory, 'a'), join(directory, 'b'), '--embedding-backend', 'none', '--out', merged]))
          .status,
      ).toBe(0);
      expect(text(merged, 'summary.json')).toBe(text(join(directory, 'single'), 'summary.json'));
      expect((JSON.parse(text(merged, 'summary.json')) as RunSummary).counts.api_errors).toBe(4);
      const manifest = JSON.parse(text(merged, 'manifest.json')) as { identity: unknown; counts: unknown };
      const single = JSON.parse(text(join(directory, 'single'), 'manifest.json')) as { identity: unknown; counts: unknown };
      expect(manifest.identity).toEqual(single.identity);
      expect(manifest.counts).toEqual(single.counts);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('refuses directories that are not the N finished shards of one run, naming them', async () => {
    const directory = temporaryDirectory('shards-refused');
    const shard = (index: number, count: number, extra: readonly string[] = []): Promise<void> =>
      run([...OFFLINE, ...extra, '--shard', `${index}/${count}`, '--out', join(directory, `${index}of${count}${extra.join('')}`)]);
    await shard(0, 3);
    await shard(1, 3);
    await shard(2, 3);
    await shard(1, 2);
    await shard(2, 3, ['--temperature', '0.5']);
    await run([...OFFLINE, '--out', join(directory, 'whole')]);
    const at = (name: string): string => join(directory, name);
    const merge = (...dirs: string[]) => runCliInProcess(['merge', ...dirs, '--embedding-backend', 'none', '--out', at('merged')]);

    const missing = await merge(at('0of3'), at('2of3'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('shard 1/3 is missing: a merged run must hold all 3');

    const twice = await merge(at('0of3'), at('1of3'), at('1of3'), at('2of3'));
    expect(twice.stderr).toContain(`${at('1of3')} and ${at('1of3')} are both shard 1/3: shards must be disjoint`);

    const otherSplit = await merge(at('0of3'), at('1of2'), at('2of3'));
    expect(otherSplit.stderr).toContain(`${at('1of2')} is shard 1/2 but ${at('0of3')} is shard 0/3`);

    const otherSettings = await merge(at('0of3'), at('1of3'), at('2of3--temperature0.5'));
    expect(otherSettings.status).toBe(2);
    expect(otherSettings.stderr).toContain('is not a shard of the same run');
    expect(otherSettings.stderr).toContain('prompt.temperature: was 0, now 0.5');

    const unsharded = await merge(at('0of3'), at('whole'));
    expect(unsharded.stderr).toContain(`${at('whole')} is not a shard (its manifest has no filters.shard)`);

    cpSync(at('2of3'), at('unfinished'), { recursive: true });
    rmSync(join(at('unfinished'), 'summary.json'));
    const unfinished = await merge(at('0of3'), at('1of3'), at('unfinished'));
    expect(unfinished.stderr).toContain(`${at('unfinished')} (shard 2/3) has not finished`);

    const moved = join(directory, 'other-data.jsonl');
    writeFileSync(moved, readFileSync(DEV_SET, 'utf8').split('\n').slice(1).join('\n'));
    const otherData = await runCliInProcess([
      'merge',
      at('0of3'),
      at('1of3'),
      at('2of3'),
      '--data',
      moved,
      '--embedding-backend',
      'none',
      '--out',
      at('merged'),
    ]);
    expect(otherData.status).toBe(2);
    expect(otherData.stderr).toContain('its rows are not the ones the shards answered');
    expect(() => readFileSync(join(at('merged'), 'manifest.json'))).toThrow(); // nothing written by any refusal

    // a shard directory resumed with another shard is another run
    const resumed = await runCliInProcess(['run', '--data', DEV_SET, ...OFFLINE, '--shard', '1/3', '--out', at('0of3')]);
    expect(resumed.status).toBe(2);
    expect(resumed.stderr).toContain('filters.shard.index: was 0, now 1');
  }, 180_000);
});
