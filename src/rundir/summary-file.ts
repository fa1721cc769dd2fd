import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import summarySchema from '../schemas/summary.schema.json';
import type { RunSummary } from '../scoring/records';
import { currentSummaryText, SUMMARY_FILE } from './publish-results';
import { checkRunFile, runFileValidator } from './validate-run-file';

const validateSummary = runFileValidator<RunSummary>(summarySchema);
const WHAT_TO_DO = 'score or run again with the same --out to write it anew';

/** The run directory's summary.json (or the published set's pending one), validated against src/schemas/summary.schema.json. */
export function readRunSummary(directory: string): RunSummary {
  const file = join(directory, SUMMARY_FILE);
  const text = currentSummaryText(directory);
  if (text === undefined) {
    throw new RunDirectoryError(`${file}: missing, pass a directory written by \`shopeval run\` or \`shopeval score --out\``);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new RunDirectoryError(`${file}: (top level): not valid JSON (${(cause as Error).message}), ${WHAT_TO_DO}`, { cause });
  }
  const version = typeof value === 'object' && value !== null && 'schema_version' in value ? value.schema_version : undefined;
  if (typeof version === 'number' && version > 1) {
    throw new RunDirectoryError(`${file}: schema_version: ${version} is not supported, upgrade shopeval to read this run`);
  }
  return checkRunFile(validateSummary(), value, file, WHAT_TO_DO);
}
