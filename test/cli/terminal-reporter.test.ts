import { createTerminalReporter } from '../../src/cli/terminal-reporter';

function streams(warningPrefix?: string): { out: string[]; err: string[]; report: ReturnType<typeof createTerminalReporter> } {
  const out: string[] = [];
  const err: string[] = [];
  const report = createTerminalReporter({
    ...(warningPrefix === undefined ? {} : { warningPrefix }),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  });
  return { out, err, report };
}

describe('the terminal reporter', () => {
  it('puts documents and embeddings on stdout, notes, warnings and files written on stderr', () => {
    const { out, err, report } = streams('WARNING: ');
    report({ type: 'run-start', directory: 'runs/x' });
    report({ type: 'notice', message: 'sent-transformer: local:/m' });
    report({ type: 'warning', message: 'task1: scored in neither run' });
    report({ type: 'document', text: 'table\n' });
    report({ type: 'files-written', paths: ['s/items.jsonl', 's/summary.json'] });
    report({ type: 'gate', message: 'gate: FAILED', failed: true });
    report({ type: 'check-failed', check: 'regression' });
    report({ type: 'check-failed', check: 'max-error-rate', message: 'API error rate 5.00% exceeds --max-error-rate 0' });
    report({ type: 'embedding', text: 'a', dimension: 2, norm: 1, embedding: [1, 0] });
    expect(out).toEqual(['table\n', '{"text":"a","dimension":2,"norm":1,"embedding":[1,0]}\n']);
    expect(err).toEqual([
      'run directory: runs/x\n',
      'sent-transformer: local:/m\n',
      'WARNING: task1: scored in neither run\n',
      'wrote s/items.jsonl and s/summary.json\n',
      'gate: FAILED\n',
      'API error rate 5.00% exceeds --max-error-rate 0\n',
    ]);
  });

  it('prints warnings bare unless the command gives a prefix', () => {
    const { err, report } = streams();
    report({ type: 'warning', message: '3 rows skipped' });
    expect(err).toEqual(['3 rows skipped\n']);
  });
});
