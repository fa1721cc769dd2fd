import { csvLine, formatFigure, formatInterval, formatScore, markdownCell, markdownTable } from './format';
import { trackDisplayName } from '../../dataset/track-names';
import {
  API_ERROR_MARKER,
  SCORING_MARKER,
  type Leaderboard,
  type LeaderboardEntry,
  type Pivot,
  type PivotCell,
} from '../documents/leaderboard-document';
import { plainTable } from './render-report-terminal';
import { WARNING_PREFIX } from '../../util/note-event';
import {
  pooledReplicaRows,
  pooledRuns,
  replicaFiguresText,
  RUN_REPLICA_HEAD,
  RUN_REPLICA_NUMBER_COLUMNS,
  type PooledRun,
} from './replica-table';

function tagsText(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** The sort score, marked when the run is partial (left-out items may inflate it) or scored unlike the others. */
export function markedScore(entry: LeaderboardEntry): string {
  const partial = !entry.complete || entry.api_errors > 0 ? ` ${API_ERROR_MARKER} partial` : '';
  const differs = entry.scoring_differs.length > 0 ? ` ${SCORING_MARKER}` : '';
  return `${formatScore(entry.value.score)}${partial}${differs}`;
}

export function header(board: Leaderboard): string[] {
  return [
    '#',
    'Run',
    'Model',
    'Tags',
    'Date',
    trackDisplayName(board.sort_by),
    'Interval',
    'API errors',
    'Latency p50 ms',
    'p95 ms',
    'Tokens/s',
  ];
}

export function rows(board: Leaderboard): string[][] {
  return board.entries.map((entry) => [
    String(entry.rank),
    entry.label,
    entry.run.model ?? '',
    tagsText(entry.run.tags),
    (entry.run.started_at ?? '').slice(0, 10),
    markedScore(entry),
    formatInterval(entry.value.low, entry.value.high),
    String(entry.api_errors),
    formatFigure(entry.timing?.latency_p50_ms, 1),
    formatFigure(entry.timing?.latency_p95_ms, 1),
    formatFigure(entry.timing?.tokens_per_second, 2),
  ]);
}

/** A pivot cell's text; a cell averaging several runs says so in every format. */
export function pivotCellText(cell: PivotCell | null | undefined): string {
  return cell ? `${formatScore(cell.score)}${cell.runs.length > 1 ? ` (mean of ${cell.runs.length})` : ''}` : '';
}

export function pivotRows(pivot: Pivot): string[][] {
  return pivot.row_values.map((rowValue, rowIndex) => [
    rowValue,
    ...pivot.col_values.map((_, colIndex) => pivotCellText(pivot.cells[rowIndex]?.[colIndex])),
  ]);
}

export function pivotHeader(pivot: Pivot): string[] {
  return [`${pivot.rows_tag} \\ ${pivot.cols_tag}`, ...pivot.col_values];
}

export function describeLeaderboard(board: Leaderboard): string {
  const marked = board.entries.some((entry) => !entry.complete || entry.api_errors > 0)
    ? `; ${API_ERROR_MARKER} partial = a partial run (unanswered or API-error items left out: not final, may be inflated)`
    : '';
  const differs = board.entries.some((entry) => entry.scoring_differs.length > 0)
    ? `; ${SCORING_MARKER} = scored tasks or embedders differ from the other runs (not comparable)`
    : '';
  return `${board.entries.length} runs, profile ${board.profile}, ranked by ${board.sort_by}; ${Math.round(board.interval.level * 100)}% bootstrap intervals${marked}${differs}`;
}

/** The ranked runs that used a replica pool, by their label (every format shows their replicas as `report` does). */
export function leaderboardPooledRuns(board: Leaderboard): PooledRun[] {
  return pooledRuns(board.entries.map((entry) => ({ label: entry.label, run: entry.run })));
}

export function renderLeaderboardTerminal(board: Leaderboard): string {
  const table = plainTable(header(board), [0, 5, 7, 8, 9, 10]);
  for (const row of rows(board)) table.push(row);
  const parts = [...board.warnings.map((warning) => `${WARNING_PREFIX}${warning}`), describeLeaderboard(board), table.toString()];
  if (board.pivot) {
    const pivot = plainTable(pivotHeader(board.pivot));
    for (const row of pivotRows(board.pivot)) pivot.push(row);
    parts.push(`${trackDisplayName(board.pivot.value)} by ${board.pivot.rows_tag} and ${board.pivot.cols_tag}`, pivot.toString());
  }
  const pooled = leaderboardPooledRuns(board);
  if (pooled.length > 0) {
    const replicas = plainTable([...RUN_REPLICA_HEAD], RUN_REPLICA_NUMBER_COLUMNS);
    for (const row of pooledReplicaRows(pooled)) replicas.push(row);
    parts.push('Replicas:', replicas.toString());
  }
  return parts.join('\n') + '\n';
}

export function renderLeaderboardMarkdown(board: Leaderboard): string {
  const warnings = board.warnings.map((warning) => `> **Warning:** ${markdownCell(warning)}\n`).join('');
  let text = `## shopeval leaderboard\n\n${describeLeaderboard(board)}\n\n${warnings}${warnings ? '\n' : ''}`;
  text += markdownTable(
    header(board).map(markdownCell),
    rows(board).map((row) => row.map(markdownCell)),
    [0, 5, 7, 8, 9, 10],
  );
  if (board.pivot) {
    text += `\n### ${markdownCell(trackDisplayName(board.pivot.value))} by ${markdownCell(board.pivot.rows_tag)} and ${markdownCell(board.pivot.cols_tag)}\n\n`;
    text += markdownTable(
      pivotHeader(board.pivot).map(markdownCell),
      pivotRows(board.pivot).map((row) => row.map(markdownCell)),
    );
  }
  const pooled = leaderboardPooledRuns(board);
  if (pooled.length > 0)
    text += `\n### Replicas\n\n${markdownTable(
      [...RUN_REPLICA_HEAD],
      pooledReplicaRows(pooled).map((row) => row.map(markdownCell)),
      RUN_REPLICA_NUMBER_COLUMNS,
    )}`;
  return text;
}

/** One row per run: rank, identity, tags (one column per tag key), the sort score, overall and every track. */
export function renderLeaderboardCsv(board: Leaderboard): string {
  const tagKeys = [...new Set(board.entries.flatMap((entry) => Object.keys(entry.run.tags)))].sort();
  const tracks = [...new Set(board.entries.flatMap((entry) => Object.keys(entry.tracks)))];
  // a column only when some run used a replica pool: each replica's figures, as report's CSV writes them
  const pooled = board.entries.some((entry) => (entry.run.replicas?.length ?? 0) > 0);
  const head = [
    'rank',
    'run',
    'directory',
    'model',
    'started_at',
    ...tagKeys.map((key) => `tag:${key}`),
    'sort_by',
    'value',
    'low',
    'high',
    'overall',
    ...tracks,
    'items',
    'api_errors',
    'complete',
    'answered',
    'scoring_differs',
    'latency_p50_ms',
    'latency_p95_ms',
    'completion_tokens',
    'tokens_per_second',
    ...(pooled ? ['replicas'] : []),
  ];
  const lines = board.entries.map((entry) =>
    csvLine([
      entry.rank,
      entry.label,
      entry.run.directory,
      entry.run.model,
      entry.run.started_at,
      ...tagKeys.map((key) => entry.run.tags[key]),
      board.sort_by,
      entry.value.score,
      entry.value.low,
      entry.value.high,
      entry.overall.score,
      ...tracks.map((track) => entry.tracks[track]?.score),
      entry.items,
      entry.api_errors,
      String(entry.complete),
      entry.answered,
      entry.scoring_differs.join('; '),
      entry.timing?.latency_p50_ms,
      entry.timing?.latency_p95_ms,
      entry.timing?.completion_tokens,
      entry.timing?.tokens_per_second,
      ...(pooled ? [(entry.run.replicas ?? []).map((replica) => `${replica.endpoint}: ${replicaFiguresText(replica)}`).join('; ')] : []),
    ]),
  );
  return csvLine(head) + lines.join('');
}

export function renderLeaderboardJson(board: Leaderboard): string {
  return `${JSON.stringify(board, null, 2)}\n`;
}
