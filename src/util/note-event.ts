/**
 * A note for the user that is not a result: a `notice` (resume and --force decisions, which backend scores a metric, a
 * replica leaving the pool) or a `warning` (something to check before trusting the figures; the results still stand).
 * The message never carries its own "warning: " prefix: the reporter renders every warning the same way.
 */
export type NoteEvent = { readonly type: 'notice'; readonly message: string } | { readonly type: 'warning'; readonly message: string };

/** What a warning's line starts with, on the terminal and in the terminal and Markdown documents: one prefix everywhere. */
export const WARNING_PREFIX = 'warning: ';

/** Where a lower layer (the replica pool, the prompt files, a batch export) sends its notes: the caller's reporter. */
export type NoteReporter = (event: NoteEvent) => void;
