import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleBuildReason } from './global-setup';

describe('the stale-build check run before every jest run', () => {
  function tree(sourceTime: number, builtTime: number | undefined): string {
    const root = mkdtempSync(join(tmpdir(), 'shopeval-stamp-'));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
    utimesSync(join(root, 'src', 'cli', 'main.ts'), sourceTime, sourceTime);
    if (builtTime !== undefined) {
      mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
      writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), '');
      utimesSync(join(root, 'dist', 'src', 'cli', 'main.js'), builtTime, builtTime);
    }
    return root;
  }

  it('accepts a build newer than every source file', () => {
    expect(staleBuildReason(tree(1_000_000, 2_000_000))).toBeUndefined();
  });

  it('names a source file edited after the build', () => {
    expect(staleBuildReason(tree(2_000_000, 1_000_000))).toMatch(
      /^src\/ changed after the last build \(1970-01-24T03:33:20.000Z > 1970-01-12T13:46:40.000Z\)$/,
    );
  });

  it('names a missing build', () => {
    expect(staleBuildReason(tree(1_000_000, undefined))).toBe('dist/src is missing');
  });
});
