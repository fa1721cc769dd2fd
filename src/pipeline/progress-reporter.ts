/** The run loop's progress hooks; the app layer turns them into progress-start / item-end / progress-end events. */
export interface ProgressReporter {
  start(total: number, alreadyDone: number): void;
  itemDone(failed: boolean): void;
  finish(): void;
}
