import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_TEMPORARY_ROOT } from './test-temporary-root';

const ROOT = join(__dirname, '..', '..');
// what `npm run build` (tsconfig.build.json) compiles, and where it writes it
const SOURCES = ['src', 'benchmarks', 'tsconfig.json', 'tsconfig.build.json'];
const OUTPUT = join(ROOT, 'dist');

/** The newest modification time (ms) of a file or of any file under a directory; 0 when there is none. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), 0);
}

/** Why dist/ cannot be trusted (missing, or older than a source file), or undefined when it is current. */
export function staleBuildReason(root: string = ROOT): string | undefined {
  const built = newestMtime(join(root, 'dist', 'src'));
  if (built === 0) return 'dist/src is missing';
  const source = Math.max(...SOURCES.map((path) => newestMtime(join(root, path))));
  // tsc rewrites every output file on each build, so the newest output is the build's time
  return source > built
    ? `src/ changed after the last build (${new Date(source).toISOString()} > ${new Date(built).toISOString()})`
    : undefined;
}

/**
 * Jest globalSetup: every temporary folder of this test run goes under one folder that globalTeardown removes (the
 * workers and the processes they spawn inherit TMPDIR; a run left ~340 folders, ~690 MB, in the system's before).
 * Then: tests that spawn bin/shopeval.js run dist/, so a dist/ older than src/ would silently test old code.
 * Rebuild it instead, and fail loudly if that build fails or still leaves dist/ stale.
 */
export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), 'shopeval-tests-'));
  process.env[TEST_TEMPORARY_ROOT] = root;
  process.env['TMPDIR'] = root;
  const before = staleBuildReason();
  if (before === undefined) return;
  process.stderr.write(`\nshopeval tests: ${before}; rebuilding ${OUTPUT} with npm run build\n`);
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    // the rest of `npm run build`: the row schema's standalone validator
    execFileSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'compile-schemas.js')], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    throw new Error('the build failed (see tsc output above): tests that spawn bin/shopeval.js would run a stale dist/');
  }
  const after = staleBuildReason();
  if (after !== undefined) throw new Error(`dist/ is still stale after building: ${after}`);
}
