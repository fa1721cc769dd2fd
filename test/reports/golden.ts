import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadRunDirectory, type LoadedRun } from '../../src/reports/load/load-run';

export const ROOT = join(__dirname, '..', '..');
const GOLDEN_DIRECTORY = join(__dirname, 'golden');

/** A fixture run, with its directory spelled relative to the repository root so documents are the same everywhere. */
export function fixtureRun(name: string): LoadedRun {
  return { ...loadRunDirectory(join(ROOT, 'fixtures', 'runs', name)), directory: `fixtures/runs/${name}` };
}

/** Compares with test/reports/golden/<name>; `UPDATE_GOLDEN=1 npx jest test/reports` rewrites the files. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIRECTORY, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  // a missing golden must fail: writing it here would compare the output with itself
  if (!existsSync(file))
    throw new Error(`golden file ${file} is missing: review the output, then write it with UPDATE_GOLDEN=1 npx jest <this test>`);
  const expected = readFileSync(file, 'utf8');
  if (name.endsWith('.json')) {
    // last-bit float noise (summation order in a scorer) must not fail a golden; 12 significant digits still catch real changes
    expect(roundNumbers(JSON.parse(actual))).toEqual(roundNumbers(JSON.parse(expected)));
  } else {
    expect(actual).toBe(expected);
  }
}

function roundNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(roundNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, roundNumbers(entry)]));
  }
  return value;
}
