import { ShopevalError } from '../errors';

/** The run was stopped by a signal (SIGINT, SIGTERM); what was answered is in the response log and the same --out resumes. */
export class RunInterruptedError extends ShopevalError {
  readonly answered: number;
  readonly total: number;
  readonly directory: string;

  constructor(args: { readonly answered: number; readonly total: number; readonly directory: string }) {
    super('internal', `interrupted: ${args.answered} of ${args.total} items answered; resume with --out ${args.directory}`);
    this.answered = args.answered;
    this.total = args.total;
    this.directory = args.directory;
  }
}
