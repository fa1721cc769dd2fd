import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RunDirectoryError } from '../../errors';
import type { ItemRecord, RunSummary } from '../../scoring/records';
import { readRunManifest } from '../../rundir/manifest-file';
import { readRunItems } from '../../rundir/items-file';
import { fileSha256, ITEMS_FILE, SUMMARY_FILE } from '../../rundir/publish-results';
import { readRunSummary } from '../../rundir/summary-file';
import { runDirectoryState, unfinishedRunError, unscoredRunError } from './run-directory-state';
import { collapseRepeats } from './collapse-repeats';
import { readManifestInfo, type RunManifestInfo } from './run-manifest';

/** A `shopeval run` or `shopeval score --out` directory, read-only. */
export interface LoadedRun {
  /** The directory as the caller named it. */
  readonly directory: string;
  /** A short label: the directory's base name. */
  readonly name: string;
  readonly manifest: RunManifestInfo;
  readonly summary: RunSummary;
  /** One record per row (a repeated run's repeats averaged: see collapseRepeats). */
  readonly items: readonly ItemRecord[];
}

/** Reads items.jsonl, summary.json and (when present) manifest.json; errors name the file and line, or the resume command of an unfinished run. */
export function loadRunDirectory(directory: string): LoadedRun {
  const absolute = resolve(directory);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new RunDirectoryError(`${directory}: not a directory`, {
      hint: 'Pass a directory written by `shopeval run` or `shopeval score --out`.',
    });
  }
  const state = runDirectoryState(absolute);
  if (state === 'unfinished') throw unfinishedRunError(directory);
  if (state === 'unscored') throw unscoredRunError(directory);
  const manifest = readManifestInfo(readRunManifest(absolute));
  const summaryFile = join(absolute, SUMMARY_FILE);
  const summary = readRunSummary(absolute);
  const itemsFile = join(absolute, ITEMS_FILE);
  if (summary.items_sha256 !== undefined && existsSync(itemsFile) && fileSha256(itemsFile) !== summary.items_sha256) {
    throw new RunDirectoryError(
      `${itemsFile} does not match ${summaryFile} (they come from different writes: one was interrupted or edited)`,
      {
        hint: 'Score or run again with the same --out to write a complete set.',
      },
    );
  }
  const items = collapseRepeats([...readRunItems(absolute)]);
  return { directory, name: basename(absolute), manifest, summary, items };
}
