import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunDirectory } from '../../src/reports/load/load-run';
import { AtomicFileWriter, removeStaleTemporaryFiles } from '../../src/rundir/atomic-file';
import { finishPendingPublish, publishResults } from '../../src/rundir/publish-results';
import { scoreOutputs } from '../../src/pipeline/score-outputs';
import { loadDataset } from '../../src/dataset/load-dataset';
import { loadPredictions } from '../../src/dataset/load-predictions';

const DEV_SET = 'fixtures/datasets/shopbench-dev.jsonl';

/** Scores of the dev set: every answer right ('perfect') or every answer 'x'. */
async function results(which: 'perfect' | 'wrong'): Promise<Awaited<ReturnType<typeof scoreOutputs>>> {
  const dataset = await loadDataset(DEV_SET);
  const perfect = which === 'perfect' ? await loadPredictions('fixtures/predictions/dev-perfect.jsonl') : undefined;
  const outputs = new Map(dataset.rows.map((row) => [row.id, { output: perfect?.get(row.id)?.output ?? 'x' }]));
  return scoreOutputs({ dataset, outputs, profile: 'kddcup2024', embedders: {}, embeddingUnavailable: {} });
}

describe('publishResults: items.jsonl and summary.json appear as one set', () => {
  it('after a crash between its renames, readers see the new set and the next writer completes it; before them, the old set', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shopeval-publish-'));
    const [older, newer] = [await results('wrong'), await results('perfect')];
    expect(older.summary.overall).not.toBe(newer.summary.overall);
    publishResults(directory, older);
    const oldFiles = {
      items: readFileSync(join(directory, 'items.jsonl'), 'utf8'),
      summary: readFileSync(join(directory, 'summary.json'), 'utf8'),
    };
    // a crash after the new items were renamed in, before the pending summary was: replay that state by hand
    publishResults(directory, newer);
    const newFiles = {
      items: readFileSync(join(directory, 'items.jsonl'), 'utf8'),
      summary: readFileSync(join(directory, 'summary.json'), 'utf8'),
    };
    renameSync(join(directory, 'summary.json'), join(directory, '.summary.json.pending'));
    writeFileSync(join(directory, 'summary.json'), oldFiles.summary);
    expect(loadRunDirectory(directory).summary.overall).toBe(newer.summary.overall); // the reader takes the pending summary
    finishPendingPublish(directory);
    expect(readFileSync(join(directory, 'summary.json'), 'utf8')).toBe(newFiles.summary);
    // a crash before the items rename: the pending summary names items that never appeared
    writeFileSync(join(directory, 'items.jsonl'), oldFiles.items);
    writeFileSync(join(directory, 'summary.json'), oldFiles.summary);
    writeFileSync(join(directory, '.summary.json.pending'), newFiles.summary);
    expect(loadRunDirectory(directory).summary.overall).toBe(older.summary.overall);
    finishPendingPublish(directory);
    expect(readdirSync(directory).sort()).toEqual(['items.jsonl', 'summary.json']);
  });

  it('refuses a mixed set (new items beside an old summary) instead of reporting it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shopeval-mixed-'));
    publishResults(directory, await results('wrong'));
    const summary = readFileSync(join(directory, 'summary.json'), 'utf8');
    publishResults(directory, await results('perfect'));
    writeFileSync(join(directory, 'summary.json'), summary);
    expect(() => loadRunDirectory(directory)).toThrow(/items\.jsonl does not match .*summary\.json/);
  });

  it('removes only the temporary files of processes that are gone', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shopeval-stale-'));
    const live = AtomicFileWriter.open(join(directory, 'report.html'));
    live.write('half');
    writeFileSync(join(directory, '.report.html.999999-00aa11bb.shopeval-tmp'), 'dead');
    writeFileSync(join(directory, 'summary.json.999999.tmp'), 'an older version left this');
    writeFileSync(join(directory, 'notes.tmp'), 'not ours');
    expect(removeStaleTemporaryFiles(directory).sort()).toEqual(['.report.html.999999-00aa11bb.shopeval-tmp', 'summary.json.999999.tmp']);
    live.commit();
    expect(readdirSync(directory).sort()).toEqual(['notes.tmp', 'report.html']);
  });
});
