import { createTerminalReporter, type TerminalReporterOptions } from '../../src/cli/terminal-reporter';
import { ITEM_ANSWERED } from '../../src/pipeline/run-event';

function streams(options: TerminalReporterOptions = {}): {
  out: string[];
  err: string[];
  report: ReturnType<typeof createTerminalReporter>;
} {
  const out: string[] = [];
  const err: string[] = [];
  const report = createTerminalReporter({ ...options, stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { out, err, report };
}

describe('the terminal reporter', () => {
  it('puts documents and embeddings on stdout, notes, warnings and files written on stderr', () => {
    const { out, err, report } = streams();
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
      'warning: task1: scored in neither run\n',
      'wrote s/items.jsonl and s/summary.json\n',
      'gate: FAILED\n',
      'API error rate 5.00% exceeds --max-error-rate 0\n',
    ]);
  });

  it('prints every warning with the one prefix, whichever command warns, on the first line of a multi-line warning only', () => {
    const { err, report } = streams();
    report({ type: 'warning', message: '3 invalid rows were skipped:\n  a.jsonl:2: id' });
    expect(err).toEqual(['warning: 3 invalid rows were skipped:\n  a.jsonl:2: id\n']);
  });

  it('prints a stopped run with the command that resumes it, and nothing for retries or the checkpoint identity', () => {
    const { out, err, report } = streams({ resumeCommand: (directory) => `shopeval run --out ${directory}` });
    const stop = { directory: 'runs/x', answered: 3, total: 9 };
    report({ type: 'retry', attempt: 1, maxAttempts: 8, delayMs: 250, reason: '503 Service Unavailable' });
    report({ type: 'run-stop', reason: 'interrupted', message: 'interrupted: 3 of 9 items answered; resume with --out runs/x', ...stop });
    report({ type: 'run-stop', reason: 'endpoint-unreachable', message: 'http://h/v1 has not answered for 30 s', ...stop });
    expect(out).toEqual([]);
    expect(err).toEqual([
      'interrupted: 3 of 9 items answered; resume with --out runs/x\n  resume with: shopeval run --out runs/x\n',
      'shopeval: http://h/v1 has not answered for 30 s\n  resume with: shopeval run --out runs/x\n',
    ]);
  });

  it('draws the progress of the items on its own stream, never on stdout or stderr', () => {
    const written: string[] = [];
    const progressStream = { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const { out, err, report } = streams({ progressStream });
    report({ type: 'progress-start', total: 2, alreadyDone: 1 });
    report(ITEM_ANSWERED);
    report({ type: 'progress-end' });
    expect([out, err]).toEqual([[], []]);
    expect(written[0]).toBe('resuming: 1 of 2 items already answered\n');
    expect(written[written.length - 1]).toMatch(/^progress: 2\/2 items, /);
  });
});
