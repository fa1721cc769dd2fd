import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunDirectoryError } from '../errors';
import { removeStaleTemporaryFiles, writeFileAtomically } from '../rundir/atomic-file';
import { checkReportOutput } from '../rundir/output-guard';

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
  target: {
    readonly format: string;
    readonly output?: string | undefined;
    readonly defaultName: string;
    readonly extension: string;
    /** The run or score directories the report reads: never overwritten by it. */
    readonly inputs?: readonly string[];
  },
  writeStdout: (text: string) => void,
): string | null {
  const output = target.output ?? (target.format === 'terminal' ? '-' : join(DEFAULT_REPORTS_DIRECTORY, `${safeFileName(target.defaultName)}.${target.extension}`));
  if (output === '-') {
    writeStdout(text);
    return null;
  }
  checkReportOutput(output, target.inputs ?? []);
  try {
    mkdirSync(dirname(output), { recursive: true });
    removeStaleTemporaryFiles(dirname(output));
    writeFileAtomically(output, text); // a kill mid-write leaves the old report whole, never a truncated one
  } catch (cause) {
    throw new RunDirectoryError(`cannot write ${output}: ${(cause as Error).message}`, { cause, hint: 'Choose another file with --output.' });
  }
  return output;
}
