import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ShopevalError } from '../errors';

const GLOB_CHARACTERS = /[*?[]/;

function isRunDirectory(path: string): boolean {
  return existsSync(join(path, 'summary.json'));
}

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
        source += `[${segment.slice(index + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
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

/**
 * Run directories named by the arguments: a run directory itself, a directory whose children are run
 * directories, or a glob (quoted, so the shell leaves it to us). Duplicates are dropped; nothing found is an error.
 */
export function expandRunPaths(patterns: readonly string[]): string[] {
  const found: string[] = [];
  for (const pattern of patterns) {
    const candidates = GLOB_CHARACTERS.test(pattern) ? expandGlob(pattern) : [pattern];
    const runs = candidates.flatMap((candidate) => {
      if (isRunDirectory(candidate)) return [candidate];
      if (!isDirectory(candidate)) return [];
      return readdirSync(candidate, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(candidate, entry.name))
        .filter(isRunDirectory)
        .sort();
    });
    if (runs.length === 0) {
      throw new ShopevalError('run-directory', `${pattern}: no run directories (with summary.json) found`, {
        hint: 'Pass directories written by `shopeval run` or `shopeval score --out`, or a quoted glob such as "runs/*".',
      });
    }
    found.push(...runs);
  }
  const seen = new Set<string>();
  return found.filter((path) => {
    const key = resolve(path) + sep;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
