import { DatasetError, formatLocation, type InputLocation } from '../errors';

/** A row that cannot be scored: where it is and why. */
export interface InvalidRow {
  readonly location: InputLocation;
  readonly reason: string;
}

/** Invalid rows listed one by one in messages, summary.json and reports; the rest are counted. */
export const LISTED_INVALID_ROWS = 50;

/** Collects every invalid row of a dataset (the first LISTED_INVALID_ROWS in full, the rest counted). */
export class InvalidRows {
  readonly listed: InvalidRow[] = [];
  count = 0;
  /** Listed rows whose id repeats an earlier row's, by listed index: where the id came first is found afterwards. */
  private readonly repeated = new Map<number, string>();

  add(location: InputLocation, reason: string): void {
    this.count += 1;
    if (this.listed.length < LISTED_INVALID_ROWS) this.listed.push({ location, reason });
  }

  /** A row whose id an earlier row has (the id index keeps hashes, not places: resolveRepeatedIds names the first). */
  addRepeatedId(location: InputLocation, id: string): void {
    if (this.listed.length < LISTED_INVALID_ROWS) this.repeated.set(this.listed.length, id);
    this.add(location, `id "${id}" is used twice`);
  }

  /** The ids whose first row is still to be named. */
  get repeatedIds(): ReadonlySet<string> {
    return new Set(this.repeated.values());
  }

  /** Names where each repeated id came first. */
  resolveRepeatedIds(first: ReadonlyMap<string, InputLocation>): void {
    for (const [index, id] of this.repeated) {
      const row = this.listed[index];
      const where = first.get(id);
      if (row !== undefined && where !== undefined)
        this.listed[index] = { ...row, reason: `${row.reason} (first at ${formatLocation(where)})` };
    }
    this.repeated.clear();
  }

  /** One DatasetError listing them all (a single row keeps the classic `file:line: reason` message). */
  toError(path: string): DatasetError {
    const hint = 'Fix these rows, or pass --skip-invalid-rows to score the valid rows (the skipped ones are listed in the results).';
    const only = this.listed[0];
    if (this.count === 1 && only !== undefined) return new DatasetError(only.reason, { location: only.location, hint });
    const lines = this.listed.map((row) => `  ${formatLocation(row.location)}: ${row.reason}`);
    if (this.count > this.listed.length) lines.push(`  ... and ${this.count - this.listed.length} more`);
    return new DatasetError(`${path}: ${this.count} invalid rows; nothing was scored or written:\n${lines.join('\n')}`, { hint });
  }
}
