import { join } from 'node:path';
import { stringifyJson } from '../util/json';
import { AtomicFileWriter, syncDirectory } from './atomic-file';

/** A test-set run's answers in the shape `shopeval score --predictions` reads: `{"id": ..., "output": "..."}` per line. */
export const PREDICTIONS_FILE = 'predictions.jsonl';
/** The same answers shaped like a submission's per-row output: `{"id": ..., "prediction": "...", "is_multiple_choice": ...}`. */
export const SUBMISSION_FILE = 'submission.jsonl';
const WRITE_BATCH_CHARACTERS = 1 << 20;

/** One answered row: an API error's row gets an empty prediction (the evaluator would have no answer either). */
export interface PredictionLine {
  readonly id: string;
  readonly output: string;
  readonly isMultipleChoice: boolean;
}

/** Streams both files beside each other and makes them visible together (temporary files, renamed at the end). */
export class PredictionFilesWriter {
  private readonly predictions: AtomicFileWriter;
  private readonly submission: AtomicFileWriter;
  private predictionBatch = '';
  private submissionBatch = '';

  private constructor(private readonly directory: string) {
    this.predictions = AtomicFileWriter.open(join(directory, PREDICTIONS_FILE));
    this.submission = AtomicFileWriter.open(join(directory, SUBMISSION_FILE));
  }

  static open(directory: string): PredictionFilesWriter {
    return new PredictionFilesWriter(directory);
  }

  write(line: PredictionLine): void {
    this.predictionBatch += `${stringifyJson({ id: line.id, output: line.output })}\n`;
    this.submissionBatch += `${stringifyJson({ id: line.id, prediction: line.output, is_multiple_choice: line.isMultipleChoice })}\n`;
    if (this.predictionBatch.length + this.submissionBatch.length >= WRITE_BATCH_CHARACTERS) this.flush();
  }

  publish(): void {
    try {
      this.flush();
      this.predictions.finish();
      this.submission.finish();
    } catch (error) {
      this.abort();
      throw error;
    }
    this.predictions.publish();
    this.submission.publish();
    syncDirectory(this.directory);
  }

  abort(): void {
    this.predictions.abort();
    this.submission.abort();
  }

  private flush(): void {
    this.predictions.write(this.predictionBatch);
    this.submission.write(this.submissionBatch);
    this.predictionBatch = '';
    this.submissionBatch = '';
  }
}
