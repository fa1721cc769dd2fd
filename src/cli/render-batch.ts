import { join } from 'node:path';
import type { ExportOutcome } from '../batch/export-batch';
import type { HostedBatchState } from '../batch/hosted-batch';
import type { RunOutcome } from '../pipeline/run-evaluation';
import { renderSummaryTable } from '../reports/render/summary-table';
import type { MergeOutcome } from '../shards/merge-shards';
import { describeAnswers } from './describe-answers';

/** The terminal's two streams, as the renderers write them. */
export interface TerminalStreams {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** `batch export`: where the requests went, and the manifest ingest needs. */
export function renderBatchExported(outcome: ExportOutcome, out: TerminalStreams): void {
  out.stderr(`wrote ${outcome.manifest.requests} requests to ${outcome.file} (and ${outcome.manifestFile}, which ingest needs)\n`);
}

/** `batch ingest`: the score table, what happened to the items, and the run directory written. */
export function renderBatchIngested(outcome: RunOutcome, out: TerminalStreams): void {
  out.stdout(renderSummaryTable(outcome.summary, { detailsIn: join(outcome.directory, 'summary.json') }) + '\n');
  out.stderr(
    `${describeAnswers(outcome)}\nrun written to ${outcome.directory} (manifest.json, responses.jsonl, items.jsonl, summary.json)\n`,
  );
}

/** `merge`: the merged run's score table and what was merged where. */
export function renderShardsMerged(outcome: MergeOutcome, out: TerminalStreams): void {
  out.stdout(renderSummaryTable(outcome.summary, { detailsIn: join(outcome.directory, 'summary.json') }) + '\n');
  out.stderr(
    `merged ${outcome.shards} shards (${outcome.summary.counts.items} items) into ${outcome.directory} (manifest.json, responses.jsonl, items.jsonl, summary.json)\n`,
  );
}

function describeState(state: HostedBatchState): string {
  const { total, completed, failed } = state.counts;
  return `batch ${state.id}: ${state.status} (${completed} of ${total} requests completed, ${failed} failed)`;
}

/** `batch submit` (the id on stdout, for scripts) and `batch status` (the state; once downloaded, the ingest command). */
export function renderBatchState(state: HostedBatchState, submitted: boolean, out: TerminalStreams): void {
  if (submitted) {
    out.stdout(`${state.id}\n`);
    out.stderr(
      `${describeState(state)}\n  follow it with: shopeval batch status ${state.id} --out DIR (downloads the results once it has finished)\n`,
    );
    return;
  }
  out.stdout(`${describeState(state)}\n`);
  if (state.downloaded === undefined) return;
  const errors = state.downloaded.errors === undefined ? '' : ` --errors ${state.downloaded.errors}`;
  out.stderr(
    `downloaded ${state.downloaded.results}${state.downloaded.errors === undefined ? '' : ` and ${state.downloaded.errors}`}\n  ingest with: shopeval batch ingest ${state.downloaded.results}${errors} --requests REQUESTS --data DATA --out RUN_DIR\n`,
  );
}
