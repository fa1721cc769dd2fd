/** How a score goes: told when its first item is scored (with about how many rows there are), each item, and the end. */
export interface ScoreProgress {
  started(expectedRows: number): void;
  scored(): void;
  finished(): void;
}

/** Calls `started` at the first scored item, with the latest row count expected: a pass that scores nothing says nothing. */
export class ProgressTracker {
  expected = 0;
  private running = false;

  constructor(private readonly progress: ScoreProgress | undefined) {}

  readonly scored = (): void => {
    if (!this.running) this.progress?.started(this.expected);
    this.running = true;
    this.progress?.scored();
  };

  /** The second pass scores every row again: its first item starts the progress over (the first pass's items were dropped). */
  restart(expectedRows: number): void {
    this.expected = expectedRows;
    this.running = false;
  }

  finished(): void {
    if (this.running) this.progress?.finished();
    this.running = false;
  }
}
