/** Small render helpers shared by every reporter (no base class: each reporter is a function of a document). */
import { inertLine, inertText } from '../../util/inert-text';

/** What every table, report and message prints where a score or figure is missing. */
export const MISSING = 'n/a';

/** A figure (latency, tokens/s) with fixed decimals, or MISSING when there is none. */
export function formatFigure(value: number | null | undefined, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : MISSING;
}

/** The one score formatter: four decimals (or `digits`), MISSING when there is no score. */
export function formatScore(score: number | null | undefined, digits = 4): string {
  return formatFigure(score, digits);
}

/** A task's score cell: its score, or MISSING and why there is none ("n/a (unscored)"). */
export function formatTaskScore(task: { readonly status: string; readonly score: number | null }): string {
  return task.status === 'scored' ? formatScore(task.score) : `${MISSING} (${task.status})`;
}

/** A share as a percentage ("87.5%"), MISSING when there is none. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  return typeof share === 'number' && Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : MISSING;
}

/** A difference with an explicit sign ("+0.0123", "-0.0040"). */
export function formatDifference(difference: number | null | undefined, digits = 4): string {
  if (typeof difference !== 'number' || !Number.isFinite(difference)) return MISSING;
  const text = difference.toFixed(digits);
  return difference >= 0 && !text.startsWith('-') ? `+${text}` : text;
}

/** "[low, high]" or "" when there is no interval. */
export function formatInterval(low: number | null | undefined, high: number | null | undefined, digits = 4): string {
  if (typeof low !== 'number' || typeof high !== 'number') return '';
  return `[${low.toFixed(digits)}, ${high.toFixed(digits)}]`;
}

/** Signed interval for differences: "[-0.0100, +0.0200]". */
export function formatDifferenceInterval(low: number | null | undefined, high: number | null | undefined): string {
  if (typeof low !== 'number' || typeof high !== 'number') return '';
  return `[${formatDifference(low)}, ${formatDifference(high)}]`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * JSON safe to embed in a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes so a
 * `</script>` or `<!--` inside model output cannot end the block; U+2028/2029 are escaped for old parsers.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. A text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, as OWASP's CSV-injection
 * advice says; numbers are written as numbers. Control characters are made visible.
 */
export function csvField(value: string | number | null | undefined): string {
  const raw = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : inertText(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of fields, CRLF-terminated as RFC 4180 says. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Text safe inside a Markdown table cell: pipes escaped, newlines flattened, HTML-looking text escaped. */
export function markdownCell(text: string): string {
  return inertLine(text.replace(/\r?\n/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** A Markdown table from a header row and body rows (cells already formatted). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], alignRight: readonly number[] = []): string {
  const separator = header.map((_, column) => (alignRight.includes(column) ? '---:' : '---'));
  return [header, separator, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}
