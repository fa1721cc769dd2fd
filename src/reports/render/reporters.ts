import type { ItemRecord } from '../../scoring/records';
import type { Comparison } from '../documents/comparison-document';
import type { Leaderboard } from '../documents/leaderboard-document';
import type { ComparisonDetails } from '../documents/comparison-details';
import type { RunReport } from '../documents/report-document';
import { renderComparisonJson, renderComparisonMarkdown, renderComparisonTerminal } from './render-comparison';
import { renderComparisonHtml } from './html/render-comparison-html';
import { renderLeaderboardHtml } from './html/render-leaderboard-html';
import { renderLeaderboardCsv, renderLeaderboardJson, renderLeaderboardMarkdown, renderLeaderboardTerminal } from './render-leaderboard';
import { renderReportCsv } from './render-report-csv';
import { renderReportHtml } from './html/render-report-html';
import { renderReportJson } from './render-report-json';
import { renderReportMarkdown } from './render-report-markdown';
import { renderReportTerminal } from './render-report-terminal';

import { inertText } from '../../util/inert-text';

/**
 * A reporter renders read-only documents; each hook is optional (a format that cannot show a comparison has no
 * `comparison` hook). Reporters share helpers from format.ts, never a base class.
 */
export interface Reporter {
  readonly description: string;
  /** File extension of a written report. */
  readonly extension: string;
  readonly report?: (report: RunReport, items: readonly ItemRecord[]) => string;
  /** `details`: the items that changed and each run's settings (formats that show items use them). */
  readonly comparison?: (comparison: Comparison, details: ComparisonDetails) => string;
  readonly leaderboard?: (leaderboard: Leaderboard) => string;
}

/** Terminal and Markdown text is shown by terminals and pagers: control characters from the data are made visible. */
function inert<A extends unknown[]>(render: (...args: A) => string): (...args: A) => string {
  return (...args) => inertText(render(...args));
}

/** Reporters by name (the `--format` value): a new format is its renderer file and one entry here. */
export const REPORTERS = {
  terminal: {
    description: 'plain tables for a terminal or a log',
    extension: 'txt',
    report: inert(renderReportTerminal),
    comparison: inert(renderComparisonTerminal),
    leaderboard: inert(renderLeaderboardTerminal),
  },
  markdown: {
    description: 'Markdown short enough for a CI comment',
    extension: 'md',
    report: inert(renderReportMarkdown),
    comparison: inert(renderComparisonMarkdown),
    leaderboard: inert(renderLeaderboardMarkdown),
  },
  json: {
    description: 'versioned JSON documents (src/schemas/*.schema.json)',
    extension: 'json',
    report: renderReportJson,
    comparison: renderComparisonJson,
    leaderboard: renderLeaderboardJson,
  },
  csv: {
    description: 'one row per task (report) or per run (leaderboard)',
    extension: 'csv',
    report: renderReportCsv,
    leaderboard: renderLeaderboardCsv,
  },
  html: {
    description: 'one self-contained HTML file with charts (and the items, for a report or a comparison)',
    extension: 'html',
    report: renderReportHtml,
    comparison: renderComparisonHtml,
    leaderboard: renderLeaderboardHtml,
  },
} as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;
/** The format names in the registry's order (terminal first: the default). */
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

/** Formats that have the given hook, for `--format` choices. */
export function formatsWith(hook: 'report' | 'comparison' | 'leaderboard'): ReportFormat[] {
  return REPORT_FORMATS.filter((format) => (REPORTERS[format] as Reporter)[hook] !== undefined);
}
