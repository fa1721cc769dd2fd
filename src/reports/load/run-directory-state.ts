import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../../errors';
import { readRunManifest, type StoredRunManifest } from '../../rundir/manifest-file';
import { shellWord } from '../../util/shell-word';

/**
 * finished: summary.json present and the run (if any) ended; unfinished: a `shopeval run` that has not ended;
 * unscored: a finished run of a test set (predictions, no scores); none: neither.
 */
export type RunDirectoryState = 'finished' | 'unfinished' | 'unscored' | 'none';

/** The manifest, or null when there is none or it cannot be read (loadRunDirectory reports that, naming the file and field). */
function readManifest(directory: string): StoredRunManifest | null {
  try {
    return readRunManifest(directory) ?? null;
  } catch {
    return null;
  }
}

/** What a directory holds, without reading its items. */
export function runDirectoryState(directory: string): RunDirectoryState {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) return 'none';
  const manifest = readManifest(directory);
  const hasSummary = existsSync(join(directory, 'summary.json'));
  // `shopeval run` writes ended_at: null first and the date once summary.json is written
  if (manifest !== null && manifest.ended_at === null) return 'unfinished';
  if (manifest !== null && manifest.test_set === true) return 'unscored';
  if (hasSummary) return 'finished';
  return manifest !== null || existsSync(join(directory, 'responses.jsonl')) ? 'unfinished' : 'none';
}

/** The resume command, with the dataset, provider and model the manifest recorded where it has them. */
export function resumeCommand(directory: string): string {
  const manifest = readManifest(directory);
  const parts = ['shopeval run'];
  if (manifest !== null)
    parts.push(
      `--data ${shellWord(manifest.dataset.path)}`,
      `--provider ${shellWord(manifest.provider.name)}`,
      `--model ${shellWord(manifest.model)}`,
    );
  parts.push('...', `--out ${shellWord(directory)}`);
  return parts.join(' ');
}

/** The error for an unfinished run directory: it names the command that resumes it. */
export function unfinishedRunError(directory: string): RunDirectoryError {
  return new RunDirectoryError(`${directory}: this run has not finished: resume it with \`${resumeCommand(directory)}\``, {
    hint: 'Run the same `shopeval run` command again with the same --out: answered items are not asked again (the other flags as first given).',
  });
}

/** The error for a test-set run: it has answers and timing but nothing to report scores from. */
export function unscoredRunError(directory: string): RunDirectoryError {
  return new RunDirectoryError(`${directory}: this run answered a test set (no truths), so it has no scores to report`, {
    hint: `Score its answers against the labelled file: \`shopeval score --data <labelled dataset> --predictions ${shellWord(join(directory, 'predictions.jsonl'))} --out <dir>\`, then report that directory.`,
  });
}
