import { createHash } from 'node:crypto';
import { escapeHtml } from '../format';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d232a;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
.warning{background:#fff4e5;border-left:4px solid #e08a00;padding:6px 10px;margin:8px 0}
.chart .bar{fill:#4a7fc1}.chart .whisker{stroke:#1d232a;stroke-width:1.5}.chart .grid{stroke:#e3e7eb}
.chart .label,.chart .value{font-size:12px;fill:#1d232a}.chart .tick{font-size:10px;fill:#57606a}
.chart .series{fill:none;stroke-width:2}
.long{max-height:8em;overflow:hidden;white-space:pre-wrap;overflow-wrap:anywhere;width:17em}
.long.open{max-height:30em;overflow:auto;width:38em}button.expand{font-size:11px;margin-top:2px}
button.count{font:inherit;border:0;background:none;padding:0;cursor:pointer;text-decoration:underline}
.left-out li{max-width:60em;overflow-wrap:anywhere}td.zero{color:#8c959f}.reason{white-space:pre-wrap;overflow-wrap:anywhere;max-width:60em}
.filters{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap}.outcome-right{color:#1a7f37}.outcome-partly-right{color:#6e7781}
.outcome-wrong,.outcome-unparseable{color:#cf222e}.outcome-api-error,.outcome-unscored{color:#9a6700}
.side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:8px}.side-by-side .long{width:auto}
.change{border:1px solid #d0d7de;margin:6px 0;padding:6px}.change p{margin:2px 0}.parsed{font-size:12px;color:#57606a}
.task-changes{margin:6px 0}.task-changes>summary{cursor:pointer;font-weight:600}tr.differs th,tr.differs td{background:#fff8c5}
.chart .zero{stroke:#1d232a}.chart .bar.better{fill:#2e933c}.chart .bar.worse{fill:#d1495b}.chart .bar.no-clear-change{fill:#8c959f}
tr.verdict-better td:last-child,.change-better{color:#1a7f37}.change-worse{color:#cf222e}tr.verdict-worse td:last-child{color:#cf222e}`;

export interface HtmlPageParts {
  readonly title: string;
  /** Body markup, already escaped by the caller. */
  readonly body: string;
  /** The page's one inline script, if any; allowed by its hash in the Content Security Policy. */
  readonly script?: string;
}

/**
 * A self-contained page: inline style and script only, and a Content Security Policy that forbids every
 * request and every script other than ours (by hash), so even a rendering bug cannot run model output.
 */
export function htmlPage(parts: HtmlPageParts): string {
  const scriptSource = parts.script ?? '';
  const scriptHash = createHash('sha256').update(scriptSource, 'utf8').digest('base64');
  const scriptPolicy = parts.script ? `'sha256-${scriptHash}'` : "'none'";
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptPolicy}; base-uri 'none'; form-action 'none'`;
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(parts.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${parts.body}\n` +
    (parts.script ? `<script>${scriptSource}</script>\n` : '') +
    '</body>\n</html>\n'
  );
}
