import type { RunReport } from '../documents/report-document';

/** The versioned JSON document (src/schemas/report.schema.json), pretty-printed with a trailing newline. */
export function renderReportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
