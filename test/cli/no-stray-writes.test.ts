import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/cli';

// the one reporter, the top-level error printer, and the progress bar (it draws on the stream it is given)
const ALLOWED = new Set(['src/cli/terminal-reporter.ts', 'src/cli/main.ts', 'src/cli/progress-bar.ts']);
const STRAY_WRITE = /\bprocess\s*\.\s*(stdout|stderr)\s*\.\s*write\b(?!;)|\bconsole\s*\.\s*\w+\s*\(/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(REPO_ROOT, path).split('\\').join('/')] : [];
  });
}

/** Each line of `text` that writes to the process's streams or the console, as `file:line: text`. */
function strayWrites(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => (STRAY_WRITE.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
}

describe('the user hears from the program through one reporter', () => {
  it('has no process.stdout/stderr write or console call in src outside the terminal reporter, main.ts and the progress bar', () => {
    const files = sourceFiles(join(REPO_ROOT, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const stray = files
      .filter((file) => !ALLOWED.has(file))
      .flatMap((file) => strayWrites(file, readFileSync(join(REPO_ROOT, file), 'utf8')));
    expect(stray).toEqual([]);
  });

  it('catches the writes it forbids and lets the type of a write through', () => {
    expect(strayWrites('a.ts', '  process.stderr.write(`${message}\\n`);')).toEqual(['a.ts:1: process.stderr.write(`${message}\\n`);']);
    expect(strayWrites('a.ts', 'const write = process.stdout.write.bind(process.stdout);')).toHaveLength(1);
    expect(strayWrites('a.ts', "console.warn('x')")).toHaveLength(1);
    expect(strayWrites('a.ts', 'type Write = typeof process.stdout.write;')).toEqual([]);
    // the allowed files really write: the list is not stale
    for (const file of ALLOWED) expect(readFileSync(join(REPO_ROOT, file), 'utf8')).toMatch(/\.write\(/);
  });
});
