import { rmSync } from 'node:fs';
import { KEEP_TEST_TEMPORARY_ROOT, TEST_TEMPORARY_ROOT } from './test-temporary-root';

/** Jest globalTeardown: removes the test run's temporary folder (globalSetup made it), unless asked to keep it. */
export default function globalTeardown(): void {
  const root = process.env[TEST_TEMPORARY_ROOT];
  if (root === undefined) return;
  if (process.env[KEEP_TEST_TEMPORARY_ROOT] === '1') {
    process.stderr.write(`\nshopeval tests: temporary files kept in ${root}\n`);
    return;
  }
  rmSync(root, { recursive: true, force: true });
}
