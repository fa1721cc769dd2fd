import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunDirectoryError } from '../../errors';
import { removeStaleTemporaryFiles, writeFileAtomically } from '../../rundir/atomic-file';
import { checkReportOutput } from '../../rundir/output-guard';

/** Where reports go when no --output is given. */
export const DEFAULT_REPORTS_DIRECTORY = 'reports';

/** A file name made only of safe characters. */
export function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._+-]+/g, '-').replace(/^-+|-+$/g, '') || 'report';
}

/**
 * Terminal output goes to stdout; other formats to `output`, or to reports/<name>.<extension> when none is given.
 * `-` means stdout. A default-named file that exists (two runs with the same directory name, or an earlier report)
 * is refused unless `force`; a file named with --output is the caller's choice. Returns the file written, or null.
 */
export function writeReportOutput(
  text: string,
  target: {
    readonly format: string;
    readonly output?: string | undefined;
    readonly defaultName: string;
    readonly extension: string;
    readonly force?: boolean;
    /** The run or score directories the report reads: never overwritten by it, --force or not. */
    readonly inputs?: readonly string[];
  },
  writeStdout: (text: string) => void,
): string | null {
  const output =
    target.output ??
    (target.format === 'terminal' ? '-' : join(DEFAULT_REPORTS_DIRECTORY, `${safeFileName(target.defaultName)}.${target.extension}`));
  if (output === '-') {
    writeStdout(text);
    return null;
  }
  checkReportOutput(output, target.inputs ?? []);
  if (target.output === undefined && target.force !== true && existsSync(output)) {
    throw new RunDirectoryError(
      `${output} already exists (a report of another run with the same name, or an earlier one); not overwritten`,
      {
        hint: 'Pass --force to replace it, or --output FILE to write elsewhere.',
      },
    );
  }
  try {
    mkdirSync(dirname(output), { recursive: true });
    removeStaleTemporaryFiles(dirname(output));
    writeFileAtomically(output, text); // a kill mid-write leaves the old report whole, never a truncated one
  } catch (cause) {
    throw new RunDirectoryError(`cannot write ${output}: ${(cause as Error).message}`, {
      cause,
      hint: 'Choose another file with --output.',
    });
  }
  return output;
}
