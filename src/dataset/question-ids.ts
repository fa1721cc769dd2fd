import { IdIndex } from '../util/id-index';
import { questionRowId } from './row-id';

/**
 * The question ids of rows streamed in file order (`q-<hash of input_field>`, then `#2`, `#3`... for a repeated prompt),
 * as a test set's reader derives them: the labelled dataset's rows map to the predictions of its test-set form.
 * Counts live in a hashed index, so a million rows cost tens of megabytes.
 */
export class QuestionIds {
  private readonly seen: IdIndex;

  /** `expected`: the rows to come, so the index never grows. */
  constructor(expected = 0) {
    this.seen = new IdIndex(expected);
  }

  /** The next row's question id; call it once per row, in order. */
  next(input: string): string {
    const base = questionRowId(input);
    const count = (this.seen.get(base)?.[0] ?? 0) + 1;
    this.seen.set(base, count, 0);
    return count === 1 ? base : `${base}#${count}`;
  }
}
