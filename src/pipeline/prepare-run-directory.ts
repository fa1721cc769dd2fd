import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import { manifestDifferences, readRunManifest, tagDifferences, writeRunManifest, type RunManifest } from './run-manifest';

export const RESPONSES_FILE = 'responses.jsonl';
/** Results of a finished run: removed by --force, so a later crash cannot leave old scores under a new manifest. */
const RESULT_FILES = ['items.jsonl', 'summary.json'] as const;

export interface PrepareRunDirectoryArgs {
  readonly out: string;
  readonly manifest: RunManifest;
  readonly force?: boolean | undefined;
  readonly notify?: ((message: string) => void) | undefined;
}

/**
 * Creates the run directory, or checks that an existing one ran the same thing (then this run resumes it, keeping its
 * start time and cache counts). A different run is refused, or with --force discarded: responses and results alike.
 */
export async function prepareRunDirectory({ out, manifest, force, notify }: PrepareRunDirectoryArgs): Promise<RunManifest> {
  await mkdir(out, { recursive: true });
  const previous = await readRunManifest(out);
  if (previous === undefined) {
    await writeRunManifest(out, manifest);
    return manifest;
  }
  const differences = manifestDifferences(previous, manifest);
  if (differences.length > 0 && force !== true) {
    throw new RunDirectoryError(`${out} holds a different run, so it cannot be resumed:\n  ${differences.join('\n  ')}`, {
      hint: 'Choose another --out, or pass --force to discard its responses and start over there.',
    });
  }
  if (differences.length > 0) {
    notify?.(`--force: discarding the responses and results in ${out} (${differences.length} settings differ)`);
    for (const file of [RESPONSES_FILE, ...RESULT_FILES]) await rm(join(out, file), { force: true });
    await writeRunManifest(out, manifest);
    return manifest;
  }
  const tags = tagDifferences(previous, manifest);
  if (tags.length > 0) notify?.(`tags changed: ${tags.join('; ')}`);
  const resumed: RunManifest = {
    ...manifest,
    started_at: previous.started_at,
    resumed_at: [...(previous.resumed_at ?? []), manifest.started_at],
    // counts add up over the invocations of one run
    cache: { ...manifest.cache, hits: previous.cache?.hits ?? 0, misses: previous.cache?.misses ?? 0 },
  };
  await writeRunManifest(out, resumed);
  return resumed;
}
