import { DatasetError, formatLocation } from '../errors';
import type { RunDataset } from './load-dataset';
import type { DatasetRow, ShopBenchRow, TestSetRow } from './row';

/** Whether the rows are all labelled or all test-set rows; a mix names one row of each. */
export class KindCheck {
  private firstLabelled: ShopBenchRow | undefined;
  private firstTest: TestSetRow | undefined;

  add(row: DatasetRow): void {
    if ('truth' in row) this.firstLabelled ??= row;
    else this.firstTest ??= row;
  }

  verdict(path: string): RunDataset['kind'] {
    if (this.firstTest === undefined) return 'labelled';
    if (this.firstLabelled === undefined) return 'test-set';
    throw new DatasetError(
      `${path}: ${formatLocation(this.firstTest.source)} has no output_field (a test-set row) but ${formatLocation(this.firstLabelled.source)} has one`,
      {
        hint: 'A dataset is either labelled (every row has output_field, task_type and metric) or a test set (no row has output_field); split the file.',
      },
    );
  }
}

/** The rows of the one kind the first pass found (the file is the same on every pass). */
export async function* narrowed<Row extends DatasetRow>(
  rows: AsyncGenerator<DatasetRow>,
  isKind: (row: DatasetRow) => row is Row,
): AsyncGenerator<Row> {
  for await (const row of rows) {
    if (!isKind(row))
      throw new DatasetError(`${formatLocation(row.source)}: the row changed kind since the dataset was validated`, {
        hint: 'Do not edit the dataset during a run.',
      });
    yield row;
  }
}
