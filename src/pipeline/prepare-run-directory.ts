import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import { PREDICTIONS_FILE, SUBMISSION_FILE } from '../rundir/prediction-files';
import { ResponseLog, RESPONSES_FILE, type ResponseEntries } from '../rundir/response-log-file';
import { readRunManifest, writeRunManifest, type RunManifest, type StoredRunManifest } from '../rundir/manifest-file';
import type { NoteReporter } from '../util/note-event';
import { resumeCheck, tagDifferences } from './run-manifest';

export { RESPONSES_FILE };
/** Results of a finished run: removed by --force, so a later crash cannot leave old scores under a new manifest. */
const RESULT_FILES = ['items.jsonl', 'summary.json', PREDICTIONS_FILE, SUBMISSION_FILE] as const;

export interface PrepareRunDirectoryArgs {
  readonly out: string;
  readonly manifest: RunManifest;
  readonly force?: boolean | undefined;
  /** Told of a resume's notes and of a directory started over. */
  readonly reporter?: NoteReporter | undefined;
  /** A last check of the logged answers before a resume (the identity probe's answers must match them): a problem, or undefined. */
  readonly verifyResume?: ((entries: ResponseEntries) => string | undefined) | undefined;
}

/**
 * Creates the run directory, or checks that an existing one ran the same thing (then this run resumes it, keeping its
 * start time and cache counts). A different run is refused, or with --force discarded: responses and results alike.
 * A directory that holds no answer yet (a run stopped by a wrong --model or --base-url) simply takes the new settings.
 */
export async function prepareRunDirectory({ out, manifest, force, reporter, verifyResume }: PrepareRunDirectoryArgs): Promise<RunManifest> {
  const previous = readRunManifest(out);
  if (previous === undefined) {
    await mkdir(out, { recursive: true });
    await writeRunManifest(out, manifest);
    return manifest;
  }
  const log = ResponseLog.read(join(out, RESPONSES_FILE));
  try {
    return await resumeOrStartOver({ out, manifest, force, reporter, verifyResume }, previous, log.entries);
  } finally {
    log.close();
  }
}

async function resumeOrStartOver(
  { out, manifest, force, reporter, verifyResume }: PrepareRunDirectoryArgs,
  previous: StoredRunManifest,
  entries: ResponseEntries,
): Promise<RunManifest> {
  const answered = entries.answered;
  const check = resumeCheck(previous, manifest);
  if (check.differences.length > 0 && answered === 0) {
    reporter?.({
      type: 'notice',
      message: `${out} holds no answer yet: starting it over with these settings (${check.differences.join('; ')})`,
    });
    return startOver(out, manifest);
  }
  if (check.differences.length > 0 && force !== true) {
    const hint = check.identityChanged
      ? 'The server now serves another checkpoint: point --base-url/--model at the checkpoint this run started with to resume it, or choose another --out for the new one (--force discards these answers).'
      : 'Choose another --out, or pass --force to discard its responses and start over there.';
    throw new RunDirectoryError(`${out} holds a different run, so it cannot be resumed:\n  ${check.differences.join('\n  ')}`, { hint });
  }
  if (check.differences.length > 0) {
    reporter?.({
      type: 'notice',
      message: `--force: discarding the responses and results in ${out} (${check.differences.length} settings differ)`,
    });
    return startOver(out, manifest);
  }
  const problem = verifyResume?.(entries);
  if (problem !== undefined && force === true) {
    reporter?.({ type: 'notice', message: `--force: discarding the responses and results in ${out} (${problem})` });
    return startOver(out, manifest);
  }
  if (problem !== undefined) {
    throw new RunDirectoryError(`${out} cannot be resumed: ${problem}`, {
      hint: 'Serve the checkpoint this run started with to resume it, or choose another --out for this one (--force discards these answers). If it is the same checkpoint on a server whose greedy answers vary, pin it with --checkpoint-id.',
    });
  }
  for (const note of check.notes) reporter?.({ type: 'notice', message: note });
  const tags = tagDifferences(previous, manifest);
  if (tags.length > 0) reporter?.({ type: 'notice', message: `tags changed: ${tags.join('; ')}` });
  const resumed: RunManifest = {
    ...manifest,
    started_at: previous.started_at,
    resumed_at: [...previous.resumed_at, manifest.started_at],
    // counts add up over the invocations of one run
    cache: { ...manifest.cache, hits: previous.cache.hits, misses: previous.cache.misses },
    ...(previous.replicas === undefined ? {} : { replicas: previous.replicas }),
  };
  await writeRunManifest(out, resumed);
  return resumed;
}

async function startOver(out: string, manifest: RunManifest): Promise<RunManifest> {
  for (const file of [RESPONSES_FILE, ...RESULT_FILES]) await rm(join(out, file), { force: true });
  await writeRunManifest(out, manifest);
  return manifest;
}
