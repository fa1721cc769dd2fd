/** The bar's three moments, driven by the run's progress-start, item-end and progress-end events. */
export interface ProgressBar {
  start(total: number, alreadyDone: number): void;
  itemDone(failed: boolean): void;
  finish(): void;
}

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  /** Seconds between plain lines when stderr is not a terminal. @default 10 */
  readonly lineIntervalSeconds?: number;
  readonly now?: () => number;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  return whole >= 3600
    ? `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`
    : whole >= 60
      ? `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`
      : `${whole}s`;
}

/** A redrawn bar on a terminal (items, items/s, ETA); periodic plain lines in a log file or CI. */
export function createProgressBar(options: ProgressOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const terminal = stream.isTTY === true;
  let total = 0;
  let done = 0;
  let failed = 0;
  let startedAt = 0;
  let resumedFrom = 0;
  let lastDraw = -Infinity;
  const status = (): string => {
    const elapsed = (now() - startedAt) / 1000;
    const rate = elapsed > 0 ? (done - resumedFrom) / elapsed : 0;
    const errors = failed > 0 ? `, ${failed} API errors` : '';
    if (done >= total) {
      // finished: how long this invocation took, not a rate of nothing when every answer came from the log
      const answeredNow = done - resumedFrom;
      return `${done}/${total} items${answeredNow > 0 ? `, ${answeredNow} in ${formatDuration(elapsed)} (${rate.toFixed(1)} items/s)` : ''}${errors}`;
    }
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    return `${done}/${total} items, ${rate.toFixed(1)} items/s, ETA ${formatDuration(eta)}${errors}`;
  };
  const draw = (force: boolean): void => {
    const at = now();
    if (terminal) {
      if (!force && at - lastDraw < 100) return;
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${status()}\u001b[K`);
    } else {
      if (!force && at - lastDraw < (options.lineIntervalSeconds ?? 10) * 1000) return;
      stream.write(`progress: ${status()}\n`);
    }
    lastDraw = at;
  };
  return {
    start(count, alreadyDone) {
      total = count;
      done = alreadyDone;
      resumedFrom = alreadyDone;
      startedAt = now();
      if (alreadyDone > 0) stream.write(`resuming: ${alreadyDone} of ${count} items already answered\n`);
      lastDraw = terminal ? -Infinity : now();
    },
    itemDone(error) {
      done += 1;
      if (error) failed += 1;
      draw(false);
    },
    finish() {
      draw(true);
      if (terminal) stream.write('\n');
    },
  };
}
