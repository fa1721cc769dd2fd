import { ShopevalError } from '../../errors';
import { bootstrapScores, differenceReplicates } from '../../stats/bootstrap-scores';
import { percentileInterval } from '../../stats/percentile-interval';
import { PROFILES } from '../../scoring/profiles';
import { contributionsScore, type RolledUp, rollUp } from '../../scoring/roll-up';
import { alignRuns } from '../load/align-runs';
import { mcAgreement } from './answer-agreement';
import { DEFAULT_REPORT_OPTIONS, type ReportOptions } from './build-run-report';
import { evaluateGate, type GateOptions } from './compare-gate';
import { ZERO_TOLERANCE } from './compare-zero';
import {
  COMPARISON_DOCUMENT_TYPE,
  COMPARISON_SCHEMA_VERSION,
  type Comparison,
  type ComparisonEntry,
  type Verdict,
} from './comparison-document';
import { sumDropped } from '../load/dropped-items';
import type { LoadedRun } from '../load/load-run';
import { runInfo } from './run-info';
import { timingDeltas } from './timing-deltas';

export { ZERO_TOLERANCE } from './compare-zero';

export interface CompareOptions extends ReportOptions {
  /** Compare the items both runs share when their datasets or item sets differ (default: refuse). */
  readonly allowDifferentDatasets: boolean;
  /** Evaluate the regression gate (stored in `comparison.gate`). */
  readonly gate: GateOptions | null;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { ...DEFAULT_REPORT_OPTIONS, allowDifferentDatasets: false, gate: null };

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function verdictOf(low: number | null, high: number | null): Verdict {
  if (low === null || high === null) return 'not comparable';
  if (low > ZERO_TOLERANCE) return 'better';
  return high < -ZERO_TOLERANCE ? 'worse' : 'no clear change';
}

type EntryBase = Pick<ComparisonEntry, 'level' | 'name' | 'track' | 'metric' | 'n' | 'dropped' | 'timing'>;

/** An entry with its displayed interval, and the difference replicates the gate re-reads at its own level. */
function entry(
  base: EntryBase,
  points: readonly [number, number],
  replicates: readonly number[][] | undefined,
  level: number,
): [ComparisonEntry, number[] | null] {
  const [baseline, candidate] = [finiteOrNull(points[0]), finiteOrNull(points[1])];
  const difference = baseline === null || candidate === null ? null : candidate - baseline;
  const differences = difference === null || !replicates ? null : differenceReplicates(replicates[0] ?? [], replicates[1] ?? []);
  const interval = differences ? percentileInterval(differences, level) : null;
  const low = interval?.low ?? null;
  const high = interval?.high ?? null;
  return [{ ...base, baseline, candidate, difference, low, high, verdict: verdictOf(low, high) }, differences];
}

/**
 * Both runs' scores on the items usable in both, their difference and a paired bootstrap interval of it, per task,
 * track and overall. The scores can differ from each run's own report when items were dropped (see `items.dropped`).
 */
export function compareRuns(baseline: LoadedRun, candidate: LoadedRun, options: Partial<CompareOptions> = {}): Comparison {
  const settings: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const aligned = alignRuns(baseline, candidate, settings.allowDifferentDatasets);
  const unknown = (settings.gate?.tasks ?? []).filter((task) => !aligned.tasks.some((entry) => entry.taskName === task));
  if (unknown.length > 0) {
    throw new ShopevalError('bad-input', `--tasks names tasks not scored in both runs: ${unknown.join(', ')}`, {
      hint: `Known tasks: ${aligned.tasks.map((task) => task.taskName).join(', ')}`,
    });
  }
  const profile = PROFILES[baseline.summary.profile]; // alignRuns refuses runs scored with different profiles
  const replicates = bootstrapScores(aligned.tasks, profile, settings);
  const differences = new Map<ComparisonEntry, number[]>();
  const keep = ([made, series]: [ComparisonEntry, number[] | null]): ComparisonEntry => {
    if (series) differences.set(made, series);
    return made;
  };
  const timing = (scope: Parameters<typeof timingDeltas>[2]): ComparisonEntry['timing'] =>
    timingDeltas(baseline.manifest.timing, candidate.manifest.timing, scope);
  const tasks = aligned.tasks.map((task) =>
    keep(
      entry(
        {
          level: 'task',
          name: task.taskName,
          track: task.track,
          metric: task.metric,
          n: task.sides[0]?.length ?? 0,
          dropped: task.dropped,
          timing: timing({ level: 'task', name: task.taskName }),
        },
        [contributionsScore(task.metric, task.sides[0] ?? [], profile), contributionsScore(task.metric, task.sides[1] ?? [], profile)],
        replicates.tasks.get(task.taskName),
        settings.level,
      ),
    ),
  );
  // each side's tracks and overall from its task scores, by the run's own roll-up
  const rolled = (side: 'baseline' | 'candidate'): RolledUp =>
    rollUp(aligned.tasks.map((task, index) => ({ track: task.track, score: tasks[index]?.[side] ?? null, failed: false })));
  const [baseRolled, candidateRolled] = [rolled('baseline'), rolled('candidate')];
  const trackNames = [...baseRolled.tracks.keys()];
  const trackPoints = trackNames.map(
    (track) => [baseRolled.tracks.get(track) ?? Number.NaN, candidateRolled.tracks.get(track) ?? Number.NaN] as const,
  );
  const tracks = trackNames.map((track, index) => {
    const members = tasks.filter((task) => task.track === track);
    const base: EntryBase = {
      level: 'track',
      name: track,
      track,
      metric: null,
      n: members.reduce((sum, task) => sum + task.n, 0),
      dropped: sumDropped(members.map((task) => task.dropped)),
      timing: timing({ level: 'track', name: track }),
    };
    return keep(entry(base, trackPoints[index] ?? [Number.NaN, Number.NaN], replicates.tracks.get(track), settings.level));
  });
  const agreement = mcAgreement(baseline, candidate);
  const overallPoints = [baseRolled.overall ?? Number.NaN, candidateRolled.overall ?? Number.NaN] as const;
  const overall = keep(
    entry(
      {
        level: 'overall',
        name: 'overall',
        track: null,
        metric: null,
        n: aligned.compared,
        dropped: aligned.dropped,
        timing: timing({ level: 'overall' }),
      },
      overallPoints,
      replicates.overall,
      settings.level,
    ),
  );
  return {
    document_type: COMPARISON_DOCUMENT_TYPE,
    schema_version: COMPARISON_SCHEMA_VERSION,
    baseline: runInfo(baseline),
    candidate: runInfo(candidate),
    interval: { method: 'percentile-bootstrap', level: settings.level, resamples: settings.resamples, seed: settings.seed },
    items: {
      same_dataset: aligned.sameDataset,
      compared: aligned.compared,
      dropped: aligned.dropped,
      baseline_only: aligned.baselineOnly,
      candidate_only: aligned.candidateOnly,
    },
    overall,
    tracks,
    tasks,
    gate: settings.gate ? evaluateGate({ overall, tracks, tasks, differences, level: settings.level }, settings.gate) : null,
    ...(agreement === undefined ? {} : { mc_agreement: agreement }),
    warnings: aligned.warnings,
  };
}
