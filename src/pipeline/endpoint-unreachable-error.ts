import { ShopevalError } from '../errors';

/** The endpoint failed every connection for the --dead-endpoint-after bound: the run stopped, every answer kept. */
export class EndpointUnreachableError extends ShopevalError {
  readonly answered: number;
  readonly total: number;
  readonly directory: string;

  constructor(args: {
    readonly endpoint: string;
    readonly seconds: number;
    readonly lastError: string;
    readonly answered: number;
    readonly total: number;
    readonly directory: string;
  }) {
    super(
      'provider',
      `${args.endpoint} has not answered for ${args.seconds} s (every attempt failed to connect or timed out; last: ${args.lastError}): ` +
        `the run stopped. ${args.answered} of ${args.total} items are answered and kept in ${args.directory}; the rest are asked when it resumes.`,
      { hint: 'Start the server again (or fix --base-url), then resume with the same command and --out.' },
    );
    this.answered = args.answered;
    this.total = args.total;
    this.directory = args.directory;
  }
}
