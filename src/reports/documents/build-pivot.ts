import { ShopevalError } from '../../errors';
import { meanOfFinite } from '../../scoring/numpy-mean';
import type { Pivot, PivotCell } from './leaderboard-document';
import type { RunReport } from './report-document';
import { scoreByKey } from './score-key';

export interface PivotSpec {
  readonly rowsTag: string;
  readonly colsTag: string;
}

export interface PivotSettings extends PivotSpec {
  /** The score in the cells: "overall", a track or a task. */
  readonly value: string;
  /** Let a cell hold the mean of several runs (else such a cell is an error naming them). */
  readonly allowMeans: boolean;
}

/** A run as the pivot shows it: its report and its unique label. */
export interface PivotRun {
  readonly report: RunReport;
  readonly label: string;
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

/** A tag no run has, or two tags no run has together, would give an empty table: say which tags exist instead. */
function checkTags(runs: readonly PivotRun[], spec: PivotSpec): void {
  const existing = sortTagValues(runs.flatMap((run) => Object.keys(run.report.run.tags)));
  const known =
    existing.length > 0 ? `the runs' tags: ${existing.join(', ')}` : 'no run has any tag (set them with `shopeval run --tag KEY=VALUE`)';
  const unknown = [spec.rowsTag, spec.colsTag].filter((tag) => !existing.includes(tag));
  if (unknown.length > 0) {
    throw new ShopevalError('bad-input', `--pivot: no run has the tag ${unknown.join(' or ')}; ${known}`, {
      hint: 'e.g. --pivot rows=lora_rank,cols=mix',
    });
  }
  if (!runs.some((run) => run.report.run.tags[spec.rowsTag] !== undefined && run.report.run.tags[spec.colsTag] !== undefined)) {
    throw new ShopevalError(
      'bad-input',
      `--pivot: no run has both tags ${spec.rowsTag} and ${spec.colsTag}, so the table would be empty; ${known}`,
      {
        hint: 'Pivot by two tags that the same runs carry.',
      },
    );
  }
}

/** The score of each run, arranged by two of its tags; runs missing either tag are left out (and named). */
export function buildPivot(runs: readonly PivotRun[], settings: PivotSettings, warnings: string[]): Pivot {
  checkTags(runs, settings);
  const { rowsTag, colsTag } = settings;
  const tagged = runs.filter((run) => run.report.run.tags[rowsTag] !== undefined && run.report.run.tags[colsTag] !== undefined);
  const untagged = runs.filter((run) => !tagged.includes(run)).map((run) => run.label);
  if (untagged.length > 0) warnings.push(`pivot: runs without tags ${rowsTag} and ${colsTag} left out: ${untagged.join(', ')}`);
  const rowValues = sortTagValues(tagged.map((run) => run.report.run.tags[rowsTag] ?? ''));
  const colValues = sortTagValues(tagged.map((run) => run.report.run.tags[colsTag] ?? ''));
  const crowded: string[] = [];
  const cells = rowValues.map((rowValue) =>
    colValues.map((colValue): PivotCell | null => {
      const members = tagged.filter((run) => run.report.run.tags[rowsTag] === rowValue && run.report.run.tags[colsTag] === colValue);
      const [only] = members;
      if (only === undefined) return null;
      const labels = members.map((run) => run.label);
      if (members.length === 1) return { ...scoreByKey(only.report, settings.value), runs: labels };
      crowded.push(`${rowsTag}=${rowValue}, ${colsTag}=${colValue}: ${labels.join(', ')}`);
      const score = meanOfFinite(members.map((run) => scoreByKey(run.report, settings.value).score ?? Number.NaN));
      return { score: Number.isFinite(score) ? score : null, low: null, high: null, runs: labels };
    }),
  );
  if (crowded.length > 0 && !settings.allowMeans) {
    throw new ShopevalError(
      'bad-input',
      `--pivot: several runs share a cell, which would show their mean as one score (${crowded.join('; ')})`,
      {
        hint: 'Pass --pivot-means to show such cells as "mean of N" (every format says so), pivot by tags that tell the runs apart, or leave runs out with --exclude.',
      },
    );
  }
  if (crowded.length > 0) warnings.push(`pivot: cells holding the mean of several runs (no interval): ${crowded.join('; ')}`);
  return { rows_tag: rowsTag, cols_tag: colsTag, value: settings.value, row_values: rowValues, col_values: colValues, cells };
}
