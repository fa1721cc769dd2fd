import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DatasetError } from '../errors';

/** One file of a dataset: its path, and its path relative to the dataset folder (`MCQ/SA.json`), or undefined for a single file. */
export interface DatasetFile {
  readonly path: string;
  readonly relativePath: string | undefined;
}

const DATA_FILE = /\.jsonl?$/i;

/** The files a `--data` path names: the file itself, or every .json/.jsonl file under a folder, in sorted path order. */
export async function listDatasetFiles(path: string): Promise<DatasetFile[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (cause) {
    throw new DatasetError(`cannot read ${path}: ${(cause as Error).message}`, { cause, hint: 'Check the --data path.' });
  }
  if (!isFolder) return [{ path, relativePath: undefined }];
  const found = (await readdir(path, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && DATA_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    // sorted by relative path with '/', so row order (and content ids of duplicates) is the same on every OS
    .map((file) => ({ path: file, relativePath: relative(path, file).split(sep).join('/') }))
    .sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  if (found.length === 0)
    throw new DatasetError(`${path}: the folder holds no .json or .jsonl file`, {
      hint: 'Point --data at a dataset file or a folder of them.',
    });
  return found;
}
