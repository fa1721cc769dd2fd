import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors';

/** `--track-map FILE`: a JSON object from a dataset file's relative path (with or without extension) or a task name to a track. */
export type TrackMap = ReadonlyMap<string, string>;

export async function loadTrackMap(path: string): Promise<TrackMap> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`--track-map ${path}: ${(cause as Error).message}`, {
      cause,
      hint: 'Give a JSON object such as {"MCQ/SA.json": "amazon-kdd-cup-24-understanding-shopping-concepts"}.',
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`--track-map ${path}: expected a JSON object from file path or task name to track`);
  }
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || value === '')
      throw new ConfigError(`--track-map ${path}: "${key}" must map to a track name (a non-empty string)`);
    map.set(key, value);
  }
  return map;
}

/** The mapped track of a row without `track`: by its file's relative path, that path without extension, or its task name. */
export function mappedTrack(map: TrackMap | undefined, relativePath: string | undefined, taskName: string): string | undefined {
  if (map === undefined) return undefined;
  if (relativePath !== undefined) {
    const byPath = map.get(relativePath) ?? map.get(relativePath.replace(/\.jsonl?$/i, ''));
    if (byPath !== undefined) return byPath;
  }
  return map.get(taskName);
}
