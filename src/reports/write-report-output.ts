import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunDirectoryError } from '../errors';

/** Where reports go when no --output is given. */
export const DEFAULT_REPORTS_DIRECTORY = 'reports';

/** A file name made only of safe characters. */
export function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._+-]+/g, '-').replace(/^-+|-+$/g, '') || 'report';
}

/**
 * Terminal output goes to stdout; other formats to `output`, or to reports/<name>.<extension> when none is given.
 * `-` means stdout. Returns the file written, or null for stdout.
 */
export function writeReportOutput(
  text: string,
  target: { readonly format: string; readonly output?: string | undefined; readonly defaultName: string; readonly extension: string },
  writeStdout: (text: string) => void,
): string | null {
  const output = target.output ?? (target.format === 'terminal' ? '-' : join(DEFAULT_REPORTS_DIRECTORY, `${safeFileName(target.defaultName)}.${target.extension}`));
  if (output === '-') {
    writeStdout(text);
    return null;
  }
  try {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, text);
  } catch (cause) {
    throw new RunDirectoryError(`cannot write ${output}: ${(cause as Error).message}`, { cause, hint: 'Choose another file with --output.' });
  }
  return output;
}
