import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedCacheEnv, REPO_ROOT } from '../helpers/cli';

/** The JavaScript block that follows `<!-- library-example -->` in README.md. */
function readmeExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const match = /<!-- library-example -->\n```js\n([\s\S]*?)\n```/.exec(readme);
  if (match?.[1] === undefined) throw new Error('README.md has no ```js block after <!-- library-example -->');
  return match[1];
}

describe("the README's library example", () => {
  it('runs as written against the built package, from a project that requires shopeval', () => {
    const project = mkdtempSync(join(tmpdir(), 'shopeval-library-example-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(REPO_ROOT, join(project, 'node_modules', 'shopeval'), 'dir'); // require('shopeval') resolves to package.json's main
    symlinkSync(join(REPO_ROOT, 'fixtures'), join(project, 'fixtures'), 'dir');
    writeFileSync(join(project, 'example.js'), readmeExample());
    const result = spawnSync(process.execPath, ['example.js'], {
      cwd: project,
      env: { ...process.env, ...isolatedCacheEnv() },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^overall 0\.\d+ over 96 items \(96 answered now\)$/m);
    expect(result.stdout.match(/^amazon-kdd-cup-24-[a-z-]+ 0\.\d+$/gm)).toHaveLength(4);
    expect(existsSync(join(project, 'runs', 'library-example', 'summary.json'))).toBe(true);
  });
});
