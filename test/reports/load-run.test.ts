import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunDirectoryError } from '../../src/errors';
import { loadRunDirectory } from '../../src/reports/load/load-run';
import { readManifestInfo } from '../../src/reports/load/run-manifest';
import { ROOT } from './golden';

describe('loadRunDirectory', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-load-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  function copyFixture(): string {
    const directory = join(workspace, 'run');
    cpSync(join(ROOT, 'fixtures/runs/dev-candidate'), directory, { recursive: true });
    return directory;
  }

  it('says how to resume a run whose manifest has ended_at null', () => {
    const directory = copyFixture();
    const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(directory, 'manifest.json'),
      JSON.stringify({ ...manifest, model: 'm', dataset: { path: 'dev.jsonl', sha256: 'x', rows: 1 }, ended_at: null }),
    );
    expect(() => loadRunDirectory(directory)).toThrow(RunDirectoryError);
    expect(() => loadRunDirectory(directory)).toThrow(
      `this run has not finished: resume it with \`shopeval run --data dev.jsonl --provider replay --model m ... --out ${directory}\``,
    );
  });

  it('says how to resume a run directory without summary.json', () => {
    const directory = copyFixture();
    rmSync(join(directory, 'summary.json'));
    expect(() => loadRunDirectory(directory)).toThrow(
      /this run has not finished: resume it with `shopeval run --data fixtures\/datasets\/shopbench-dev.jsonl --provider replay --model shop-llm-8b-lora \.\.\. --out /,
    );
  });

  it('reads a run directory with its manifest', () => {
    const run = loadRunDirectory(join(ROOT, 'fixtures/runs/dev-candidate'));
    expect(run.items).toHaveLength(96);
    expect(run.manifest).toMatchObject({ model: 'shop-llm-8b-lora', tags: { lora_rank: '16' } });
  });

  it('reads a score directory without a manifest', () => {
    const directory = copyFixture();
    rmSync(join(directory, 'manifest.json'));
    expect(loadRunDirectory(directory)).toMatchObject({ name: 'run', manifest: { tags: {} } });
  });

  it('names the file and line of a bad items.jsonl line', () => {
    const directory = copyFixture();
    // a summary without the items' hash (as older versions wrote it), so the lines themselves are read and checked
    const summary = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as Record<string, unknown>;
    delete summary['items_sha256'];
    writeFileSync(join(directory, 'summary.json'), JSON.stringify(summary));
    const [first = ''] = readFileSync(join(directory, 'items.jsonl'), 'utf8').split('\n');
    writeFileSync(join(directory, 'items.jsonl'), `${first}\n{"id": oops}\n`);
    expect(() => loadRunDirectory(directory)).toThrow(RunDirectoryError);
    expect(() => loadRunDirectory(directory)).toThrow(`${join(directory, 'items.jsonl')}:2: (top level): not valid JSON`);
    const { metric: _metric, ...withoutMetric } = JSON.parse(first) as Record<string, unknown>;
    writeFileSync(join(directory, 'items.jsonl'), `${JSON.stringify(withoutMetric)}\n`);
    expect(() => loadRunDirectory(directory)).toThrow(
      `${join(directory, 'items.jsonl')}:1: metric: missing, score or run again with the same --out`,
    );
    writeFileSync(join(directory, 'items.jsonl'), `${JSON.stringify({ ...JSON.parse(first), score: 'high' })}\n`);
    expect(() => loadRunDirectory(directory)).toThrow(`${join(directory, 'items.jsonl')}:1: score: must be number,null`);
    writeFileSync(join(directory, 'items.jsonl'), `${first}\n${first}\n`);
    expect(() => loadRunDirectory(directory)).toThrow(/items.jsonl:2: id: ".*" is used twice/);
  });

  it('names missing files and bad summaries', () => {
    mkdirSync(join(workspace, 'empty'));
    expect(() => loadRunDirectory(join(workspace, 'empty'))).toThrow(/summary.json: missing, pass a directory written by `shopeval run`/);
    expect(() => loadRunDirectory(join(workspace, 'absent'))).toThrow(/not a directory/);
    const directory = copyFixture();
    writeFileSync(join(directory, 'summary.json'), '{"schema_version": 9, "tasks": [], "tracks": [], "overall": null}');
    expect(() => loadRunDirectory(directory)).toThrow(/summary.json: schema_version: 9 is not supported, upgrade shopeval/);
    writeFileSync(join(directory, 'summary.json'), '{"schema_version": 1, "tasks": [], "tracks": [], "overall": null}');
    expect(() => loadRunDirectory(directory)).toThrow(/summary.json: profile: missing, score or run again/);
  });

  it('shows no manifest fields for a directory without a manifest (shopeval score --out)', () => {
    expect(readManifestInfo(undefined)).toEqual({ tags: {} });
  });

  it('refuses a manifest that does not match its schema, naming the file and the field', () => {
    const directory = copyFixture();
    const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(directory, 'manifest.json'), JSON.stringify({ ...manifest, tags: ['a=1'] }));
    expect(() => loadRunDirectory(directory)).toThrow(
      `${join(directory, 'manifest.json')}: tags: must be object, run again with another --out`,
    );
  });
});
