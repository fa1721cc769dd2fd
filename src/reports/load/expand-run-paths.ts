import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ShopevalError } from '../../errors';
import { runDirectoryState } from './run-directory-state';

const GLOB_CHARACTERS = /[*?[]/;

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** One glob segment as a regular expression: `*` and `?` within a name, `[...]` classes. */
function segmentPattern(segment: string): RegExp {
  let source = '';
  for (let index = 0; index < segment.length; index += 1) {
    const character = segment[index] ?? '';
    if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else if (character === '[') {
      const close = segment.indexOf(']', index + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${segment
          .slice(index + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else source += character.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Directories matching a glob (`*`, `?`, `[...]`, and `**` for any depth), in sorted order. */
export function expandGlob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  let current = [absolute ? '/' : '.'];
  for (const segment of segments) {
    const next: string[] = [];
    for (const base of current) {
      if (!GLOB_CHARACTERS.test(segment)) {
        if (isDirectory(join(base, segment))) next.push(join(base, segment));
        continue;
      }
      const children = readdirSync(base, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
      if (segment === '**') {
        const stack = [base];
        while (stack.length > 0) {
          const directory = stack.pop() as string;
          next.push(directory);
          for (const entry of readdirSync(directory, { withFileTypes: true })) {
            if (entry.isDirectory() && !entry.name.startsWith('.')) stack.push(join(directory, entry.name));
          }
        }
        continue;
      }
      const pattern = segmentPattern(segment);
      for (const entry of children) if (pattern.test(entry.name)) next.push(join(base, entry.name));
    }
    current = [...new Set(next)];
  }
  return current.sort();
}

/** Finished run directories found, and unfinished ones a glob or parent directory matched (skipped, to be warned about). */
export interface FoundRunDirectories {
  readonly runs: readonly string[];
  readonly unfinished: readonly string[];
  /** Arguments, or directories a glob matched, that hold no run: skipped, each with a line saying why. */
  readonly skipped: readonly string[];
}

function uniquePaths(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = resolve(path) + sep;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Finished runs under one candidate: itself, or its child directories; unfinished ones go to `unfinished`. */
function runsIn(candidate: string, direct: boolean, unfinished: string[]): string[] {
  const state = runDirectoryState(candidate);
  // named directly, an unfinished or unscored run is loaded, so its error says what to do; met in a folder it is skipped
  if (state === 'finished' || ((state === 'unfinished' || state === 'unscored') && direct)) return [candidate];
  if (state === 'unscored') return [];
  if (state === 'unfinished') {
    unfinished.push(candidate);
    return [];
  }
  if (!isDirectory(candidate)) return [];
  const children = readdirSync(candidate, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(candidate, entry.name))
    .sort();
  unfinished.push(...children.filter((child) => runDirectoryState(child) === 'unfinished'));
  return children.filter((child) => runDirectoryState(child) === 'finished');
}

function noRunsError(pattern: string, unfinished: readonly string[]): ShopevalError {
  const skipped = unfinished.length > 0 ? ` (unfinished: ${unfinished.join(', ')})` : '';
  return new ShopevalError('run-directory', `${pattern}: no finished run directories (with summary.json) found${skipped}`, {
    hint: 'Pass directories written by `shopeval run` or `shopeval score --out`, or a quoted glob such as "runs/*"; resume unfinished runs first.',
  });
}

/**
 * Run directories named by the arguments: a run directory itself, a directory whose children are run
 * directories, or a glob (quoted, so the shell leaves it to us). Duplicates are dropped; nothing found is an error.
 * An unfinished run named directly is kept (loading it explains how to resume); one matched by a glob or parent
 * directory is set aside in `unfinished` so the caller can warn instead of skipping it silently. A directory a glob
 * matched that holds no run, and, among several arguments (an unquoted `runs/*` the shell expanded), an existing
 * file or directory that holds none, are set aside in `skipped` with the reason; a single argument that holds no run,
 * or a path that does not exist, is an error.
 */
export function findRunDirectories(patterns: readonly string[]): FoundRunDirectories {
  const found: string[] = [];
  const unfinished: string[] = [];
  const skipped: string[] = [];
  for (const pattern of patterns) {
    const direct = !GLOB_CHARACTERS.test(pattern);
    const candidates = direct ? [pattern] : expandGlob(pattern);
    const runs: string[] = [];
    const unfinishedBefore = unfinished.length;
    for (const candidate of candidates) {
      const before = unfinished.length;
      const inside = runsIn(candidate, direct, unfinished);
      runs.push(...inside);
      if (!direct && inside.length === 0 && unfinished.length === before)
        skipped.push(`${candidate}: not a run directory (matched by ${pattern}), skipped`);
    }
    if (runs.length > 0) {
      found.push(...runs);
      continue;
    }
    if (direct && patterns.length > 1 && existsSync(pattern) && unfinished.length === unfinishedBefore) {
      skipped.push(
        `${pattern}: not a run directory (${isDirectory(pattern) ? 'no summary.json in it or its subdirectories' : 'a file'}), skipped`,
      );
      continue;
    }
    throw noRunsError(pattern, unfinished);
  }
  if (found.length === 0) throw noRunsError(patterns.join(' '), unfinished);
  return { runs: uniquePaths(found), unfinished: uniquePaths(unfinished), skipped };
}

/** The finished run directories of `findRunDirectories` (unfinished ones a glob matched are left out). */
export function expandRunPaths(patterns: readonly string[]): string[] {
  return [...findRunDirectories(patterns).runs];
}
