import { createProgressBar } from '../../src/cli/progress-bar';

/** A log-file stream (not a terminal) that keeps what is written, and a clock the test moves. */
function harness(): { lines: string[]; stream: NodeJS.WriteStream; clock: { ms: number } } {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { lines, stream, clock: { ms: 0 } };
}

describe('the progress bar in a log file', () => {
  it('says the rate and the time left while answering, and what this invocation did once finished', () => {
    const { lines, stream, clock } = harness();
    const bar = createProgressBar({ stream, now: () => clock.ms, lineIntervalSeconds: 1 });
    bar.start(10, 2);
    clock.ms = 2000;
    bar.itemDone(false);
    bar.itemDone(true);
    clock.ms = 4000;
    bar.itemDone(false);
    expect(lines.at(-1)).toBe('progress: 5/10 items, 0.8 items/s, ETA 7s, 1 API errors\n');
    for (let item = 0; item < 5; item += 1) bar.itemDone(false);
    clock.ms = 8000;
    bar.finish();
    expect(lines[0]).toBe('resuming: 2 of 10 items already answered\n');
    expect(lines.at(-1)).toBe('progress: 10/10 items, 8 in 8s (1.0 items/s), 1 API errors\n');
  });

  it('gives a resume that found every answer in the log no rate and no ETA', () => {
    const { lines, stream, clock } = harness();
    const bar = createProgressBar({ stream, now: () => clock.ms });
    bar.start(96, 96);
    clock.ms = 300;
    bar.finish();
    expect(lines).toEqual(['resuming: 96 of 96 items already answered\n', 'progress: 96/96 items\n']);
  });
});
