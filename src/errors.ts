/** Exit codes the CLI maps error classes to (in one place: cli/exit-codes.ts). */
export type ErrorCode = 'bad-input' | 'config' | 'provider' | 'run-directory' | 'internal';

export interface ErrorDetails {
  /** What the user can do next, one sentence. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/** The base of every error shopeval raises on purpose: it carries a code and what to do next. */
export class ShopevalError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = details.hint;
  }
}

/** Where in an input file a problem is: `file:line` for JSON Lines, `file[index]` for a JSON array. */
export interface InputLocation {
  readonly file: string;
  readonly position: number;
  readonly kind: 'line' | 'index';
}

export function formatLocation(location: InputLocation): string {
  return location.kind === 'line' ? `${location.file}:${location.position}` : `${location.file}[${location.position}]`;
}

/** A dataset or predictions file is malformed; the message names file, line (or index) and field. */
export class DatasetError extends ShopevalError {
  readonly location: InputLocation | undefined;

  constructor(message: string, details: ErrorDetails & { readonly location?: InputLocation } = {}) {
    super('bad-input', details.location ? `${formatLocation(details.location)}: ${message}` : message, details);
    this.location = details.location;
  }
}

/** A flag, config file or environment setting is wrong or missing. */
export class ConfigError extends ShopevalError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('config', message, details);
  }
}

/** A run or score directory cannot be read, written or resumed. */
export class RunDirectoryError extends ShopevalError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('run-directory', message, details);
  }
}

/**
 * The root of every provider failure: an inference or embedding endpoint, or its start-up probe. Classified where it
 * happens (providers/provider-call-error.ts for one call); the retry policy reads `isRetryable` and `retryAfterMs`.
 */
export class ProviderError extends ShopevalError {
  /** Whether a later attempt may succeed (408/409/429/5xx, connection errors, timeouts). */
  readonly isRetryable: boolean;
  readonly status: number | undefined;
  /** How long the server asked us to wait (Retry-After or retry-after-ms), if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    details: ErrorDetails & {
      readonly isRetryable: boolean;
      readonly status?: number | undefined;
      readonly retryAfterMs?: number | undefined;
    },
  ) {
    super('provider', message, details);
    this.isRetryable = details.isRetryable;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Retry-After in seconds, as the header states it. */
  get retryAfterSeconds(): number | undefined {
    return this.retryAfterMs === undefined ? undefined : this.retryAfterMs / 1000;
  }
}
