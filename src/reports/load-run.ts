import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RunDirectoryError } from '../errors';
import type { ItemRecord, RunSummary } from '../scoring/records';
import { currentSummaryText, fileSha256 } from '../rundir/publish-results';
import { collapseRepeats } from './collapse-repeats';
import { runDirectoryState, unfinishedRunError } from './run-directory-state';
import { readManifestInfo, type RunManifestInfo } from './run-manifest';

/** A `shopeval run` or `shopeval score --out` directory, read-only. */
export interface LoadedRun {
  /** The directory as the caller named it. */
  readonly directory: string;
  /** A short label: the manifest's run name or the directory's base name. */
  readonly name: string;
  readonly manifest: RunManifestInfo;
  readonly summary: RunSummary;
  /** One record per row (a repeated run's repeats averaged: see collapseRepeats). */
  readonly items: readonly ItemRecord[];
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) {
    throw new RunDirectoryError(`${file}: missing (${what})`, {
      hint: 'Pass a directory written by `shopeval run` or `shopeval score --out`.',
    });
  }
  return readFileSync(file, 'utf8');
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RunDirectoryError(`${where}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

function requireFields(value: unknown, fields: readonly string[], where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RunDirectoryError(`${where}: expected a JSON object`);
  }
  const record = value as Record<string, unknown>;
  for (const field of fields) {
    if (!(field in record)) throw new RunDirectoryError(`${where}: missing field "${field}"`);
  }
  return record;
}

function readSummary(file: string, text: string): RunSummary {
  const summary = requireFields(parseJson(text, file), ['tasks', 'tracks', 'overall'], file);
  if (summary['schema_version'] !== undefined && summary['schema_version'] !== 1) {
    throw new RunDirectoryError(`${file}: schema_version ${String(summary['schema_version'])} is not supported`, {
      hint: 'Upgrade shopeval to read this run.',
    });
  }
  if (!Array.isArray(summary['tasks']) || !Array.isArray(summary['tracks'])) {
    throw new RunDirectoryError(`${file}: "tasks" and "tracks" must be arrays`);
  }
  summary['tasks'].forEach((task: unknown, index: number) =>
    requireFields(task, ['task_name', 'track', 'metric', 'status', 'score'], `${file}: tasks[${index}]`),
  );
  summary['tracks'].forEach((track: unknown, index: number) =>
    requireFields(track, ['track', 'score'], `${file}: tracks[${index}]`),
  );
  return summary as unknown as RunSummary;
}

function readItems(file: string): ItemRecord[] {
  const items: ItemRecord[] = [];
  const seen = new Set<string>();
  readText(file, 'items.jsonl')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${file}:${index + 1}`;
      const record = requireFields(parseJson(line, where), ['id', 'task_name', 'track', 'metric'], where);
      if (typeof record['id'] !== 'string') throw new RunDirectoryError(`${where}: "id" must be a string`);
      if (record['score'] !== undefined && record['score'] !== null && typeof record['score'] !== 'number') {
        throw new RunDirectoryError(`${where}: "score" must be a number or null`);
      }
      const repeat = record['repeat'];
      if (repeat !== undefined && (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 0)) throw new RunDirectoryError(`${where}: "repeat" must be a non-negative integer`);
      // items are identified by (id, repeat) in a run made with --repeats
      const key = repeat === undefined ? record['id'] : `${record['id']}\u0000${repeat}`;
      if (seen.has(key)) throw new RunDirectoryError(`${where}: duplicate item id "${record['id']}"${repeat === undefined ? '' : ` (repeat ${repeat})`}`);
      seen.add(key);
      items.push(record as unknown as ItemRecord);
    });
  return items;
}

/** Reads items.jsonl, summary.json and (when present) manifest.json; errors name the file and line, or the resume command of an unfinished run. */
export function loadRunDirectory(directory: string): LoadedRun {
  const absolute = resolve(directory);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new RunDirectoryError(`${directory}: not a directory`, {
      hint: 'Pass a directory written by `shopeval run` or `shopeval score --out`.',
    });
  }
  if (runDirectoryState(absolute) === 'unfinished') throw unfinishedRunError(directory);
  const manifestFile = join(absolute, 'manifest.json');
  const manifestRaw = existsSync(manifestFile) ? parseJson(readFileSync(manifestFile, 'utf8'), manifestFile) : undefined;
  const manifest = readManifestInfo(manifestRaw);
  const summaryFile = join(absolute, 'summary.json');
  const summary = readSummary(summaryFile, currentSummaryText(absolute) ?? readText(summaryFile, 'summary.json'));
  const itemsFile = join(absolute, 'items.jsonl');
  if (summary.items_sha256 !== undefined && existsSync(itemsFile) && fileSha256(itemsFile) !== summary.items_sha256) {
    throw new RunDirectoryError(`${itemsFile} does not match ${summaryFile} (they come from different writes: one was interrupted or edited)`, {
      hint: 'Score or run again with the same --out to write a complete set.',
    });
  }
  const items = collapseRepeats(readItems(itemsFile));
  const manifestName =
    typeof manifestRaw === 'object' && manifestRaw !== null ? (manifestRaw as Record<string, unknown>)['name'] : undefined;
  const name = typeof manifestName === 'string' && manifestName !== '' ? manifestName : basename(absolute);
  return { directory, name, manifest, summary, items };
}
