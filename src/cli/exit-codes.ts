import { ShopevalError, type ErrorCode } from '../errors';

// every exit code shopeval uses lives here; README "Exit codes" lists them

export const EXIT_OK = 0;
/** The command ran but its verdict is negative (a regression, too many API errors). */
export const EXIT_FAILED_CHECK = 1;
/** Bad input: a flag, a dataset, a predictions file, a run directory. */
export const EXIT_BAD_INPUT = 2;
/** An endpoint failed for good, or shopeval itself broke. */
export const EXIT_RUNTIME = 3;
/** Stopped by Ctrl-C or SIGTERM; the run directory resumes (the shell's 128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

const EXIT_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  'bad-input': EXIT_BAD_INPUT,
  config: EXIT_BAD_INPUT,
  'run-directory': EXIT_BAD_INPUT,
  provider: EXIT_RUNTIME,
  internal: EXIT_RUNTIME,
};

/** The one place error classes become exit codes and messages. */
export function reportError(error: unknown, write: (text: string) => void): number {
  if (error instanceof ShopevalError) {
    write(`shopeval: ${error.message}\n`);
    if (error.hint) write(`  ${error.hint}\n`);
    return EXIT_BY_CODE[error.code];
  }
  write(`shopeval: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_RUNTIME;
}
