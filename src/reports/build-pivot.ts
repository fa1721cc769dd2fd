import { meanOfFinite } from '../stats/task-statistic';
import type { Pivot, PivotCell } from './leaderboard-document';
import type { RunReport } from './report-document';
import { scoreByKey } from './score-key';

export interface PivotSpec {
  readonly rowsTag: string;
  readonly colsTag: string;
}

/** Parses `rows=TAG,cols=TAG`. */
export function parsePivotSpec(text: string): PivotSpec | null {
  const parts = new Map(
    text.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const rowsTag = parts.get('rows');
  const colsTag = parts.get('cols');
  return rowsTag && colsTag ? { rowsTag, colsTag } : null;
}

/** Tag values in a natural order: numerically when every value is a number, else alphabetically. */
export function sortTagValues(values: Iterable<string>): string[] {
  const unique = [...new Set(values)];
  const numeric = unique.every((value) => value.trim() !== '' && Number.isFinite(Number(value)));
  return numeric ? unique.sort((left, right) => Number(left) - Number(right)) : unique.sort();
}

/** The score `valueKey` of each run, arranged by two of its tags; runs missing either tag are left out (and named). */
export function buildPivot(reports: readonly RunReport[], spec: PivotSpec, valueKey: string, warnings: string[]): Pivot {
  const tagged = reports.filter((report) => report.run.tags[spec.rowsTag] !== undefined && report.run.tags[spec.colsTag] !== undefined);
  const untagged = reports.filter((report) => !tagged.includes(report)).map((report) => report.run.name);
  if (untagged.length > 0) warnings.push(`pivot: runs without tags ${spec.rowsTag} and ${spec.colsTag} left out: ${untagged.join(', ')}`);
  const rowValues = sortTagValues(tagged.map((report) => report.run.tags[spec.rowsTag] ?? ''));
  const colValues = sortTagValues(tagged.map((report) => report.run.tags[spec.colsTag] ?? ''));
  const cells = rowValues.map((rowValue) =>
    colValues.map((colValue): PivotCell | null => {
      const members = tagged.filter((report) => report.run.tags[spec.rowsTag] === rowValue && report.run.tags[spec.colsTag] === colValue);
      if (members.length === 0) return null;
      const scores = members.map((report) => scoreByKey(report, valueKey));
      const runs = members.map((report) => report.run.name);
      const only = scores.length === 1 ? scores[0] : undefined;
      if (only) return { ...only, runs };
      const score = meanOfFinite(scores.map((entry) => entry.score ?? Number.NaN));
      return { score: Number.isFinite(score) ? score : null, low: null, high: null, runs };
    }),
  );
  return { rows_tag: spec.rowsTag, cols_tag: spec.colsTag, value: valueKey, row_values: rowValues, col_values: colValues, cells };
}
