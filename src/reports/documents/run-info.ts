import type { LoadedRun } from '../load/load-run';
import type { RunInfo } from './report-document';

/** The run's identity for documents: manifest fields where present, summary.json for profile and dataset. */
export function runInfo(run: LoadedRun): RunInfo {
  const { manifest, summary } = run;
  return {
    name: run.name,
    directory: run.directory,
    model: manifest.model ?? null,
    provider: manifest.provider ?? null,
    tags: manifest.tags,
    started_at: manifest.startedAt ?? null,
    ended_at: manifest.endedAt ?? null,
    // summary.json is validated against its schema when read (rundir/summary-file.ts): profile and dataset are there
    profile: summary.profile,
    dataset: { path: summary.dataset.path, sha256: summary.dataset.sha256, rows: summary.dataset.rows },
    shopeval_version: manifest.shopevalVersion ?? null,
    ...(manifest.replicas === undefined ? {} : { replicas: manifest.replicas }),
  };
}
