import { compareRuns, loadRunDirectory, type ReportFormat } from '../reports';
import { comparisonDetails, NO_COMPARISON_DETAILS } from '../reports/documents/comparison-details';
import { SILENT_REPORTER, type AppReporter, type CheckedResult } from './app-event';
import { rendererOf, writeDocument } from './write-document';

export interface CompareRunsOptions {
  readonly baseline: string;
  readonly candidate: string;
  /** @default 'terminal' */
  readonly format?: ReportFormat;
  /** A file, or `-` for a `document` event. @default a `document` event for terminal, otherwise reports/compare-<candidate>-vs-<baseline>.<ext> */
  readonly output?: string;
  readonly force?: boolean;
  readonly seed?: number;
  readonly resamples?: number;
  /** Compare the items both runs share when their datasets or item sets differ. @default false */
  readonly allowDifferentDatasets?: boolean;
  /** Fail (`failed: true`) when the candidate is clearly worse on overall or a track. @default false */
  readonly failOnRegression?: boolean;
  /** Drops up to this size never fail the gate. @default 0 */
  readonly tolerance?: number;
  /** Also gate on these tasks (the gate is evaluated when this is non-empty or failOnRegression is set). */
  readonly gateTasks?: readonly string[];
}

/**
 * Compares two runs item by item: its warnings, the document, the file written, then the gate's verdict; `failed`
 * when failOnRegression is set and the gate finds a regression.
 */
export function compare(options: CompareRunsOptions, reporter: AppReporter = SILENT_REPORTER): CheckedResult {
  const format = options.format ?? 'terminal';
  const { render, extension } = rendererOf(format, 'comparison', 'compare');
  const baseline = loadRunDirectory(options.baseline);
  const candidate = loadRunDirectory(options.candidate);
  const gateTasks = options.gateTasks ?? [];
  const failOnRegression = options.failOnRegression === true;
  const comparison = compareRuns(baseline, candidate, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
    allowDifferentDatasets: options.allowDifferentDatasets === true,
    gate: failOnRegression || gateTasks.length > 0 ? { tolerance: options.tolerance ?? 0, tasks: gateTasks } : null,
  });
  for (const warning of comparison.warnings) reporter({ type: 'warning', message: warning });
  const written = writeDocument(
    // only the HTML comparison shows the changed items and each run's settings
    render(comparison, format === 'html' ? comparisonDetails(baseline, candidate) : NO_COMPARISON_DETAILS),
    {
      format,
      output: options.output,
      defaultName: `compare-${candidate.name}-vs-${baseline.name}`,
      force: options.force,
      inputs: [options.baseline, options.candidate],
    },
    extension,
    reporter,
  );
  if (written) reporter({ type: 'files-written', paths: [written] });
  const gate = comparison.gate;
  // the terminal document on stdout already ends with the gate's verdict
  if (gate && (written || format !== 'terminal')) reporter({ type: 'gate', message: gate.message, failed: gate.failed });
  const failed = failOnRegression && gate?.failed === true;
  if (failed) reporter({ type: 'check-failed', check: 'regression' });
  return { failed };
}
