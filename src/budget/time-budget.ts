import { budgetFor, COMPETITION_TRACKS, SHOPBENCH_FACTS, type BudgetName, type CompetitionTrack } from './kddcup2024-limits';
import type { RunTiming, TimingFigures } from './run-timing';

export interface BudgetOptions {
  readonly budget: BudgetName;
  /** Multiplies measured times: 0.5 when the evaluator's hardware is twice as fast as this run's. @default 1 */
  readonly scale: number;
  /** Test items (all tracks) the projection assumes. @default SHOPBENCH_FACTS.testItemsAbout */
  readonly testItems?: number;
}

export interface TrackProjection {
  readonly track: CompetitionTrack | 'all';
  /** The run's items of the track and their share of the run's tracked items (1 for `all`). */
  readonly items: number;
  readonly share: number;
  readonly secondsPerItem: number;
  readonly projectedSeconds: number;
  readonly limitSeconds: number;
  readonly baselineSeconds: number | undefined;
  readonly over: boolean;
}

export interface BudgetVerdict {
  readonly budget: BudgetName;
  readonly broken: boolean;
  readonly batchesChecked: number;
  readonly batchesOver: number;
  readonly projections: readonly TrackProjection[];
  readonly assumptions: readonly string[];
  readonly text: string;
}

/** Projects each track's measured time per item to its share of the test set and checks it, and the batches, against the limits. */
export function timeBudgetVerdict(timing: RunTiming, options: BudgetOptions): BudgetVerdict {
  const budget = budgetFor(options.budget);
  const testItems = options.testItems ?? SHOPBENCH_FACTS.testItemsAbout;
  const tracked = (Object.entries(COMPETITION_TRACKS) as [CompetitionTrack, string][]).flatMap(([track, name]) => {
    const figures = timing.tracks[name];
    return figures === undefined || figures.timed === 0 ? [] : [{ track, figures }];
  });
  const trackedItems = tracked.reduce((sum, entry) => sum + entry.figures.items, 0);
  const project = (track: CompetitionTrack | 'all', figures: TimingFigures, share: number): TrackProjection => {
    const secondsPerItem = (figures.seconds / Math.max(1, figures.timed)) * options.scale;
    const projectedSeconds = secondsPerItem * share * testItems;
    const limitSeconds = budget.trackLimitSeconds[track];
    return {
      track,
      items: figures.items,
      share,
      secondsPerItem,
      projectedSeconds,
      limitSeconds,
      baselineSeconds: track === 'all' ? undefined : budget.baselineUsedSeconds?.[track],
      over: projectedSeconds > limitSeconds,
    };
  };
  const projections = [
    ...tracked.map((entry) => project(entry.track, entry.figures, entry.figures.items / trackedItems)),
    ...(timing.overall.timed === 0 ? [] : [project('all', timing.overall, 1)]),
  ];
  const batches = timing.batches;
  const batchesOver = batches?.over_limit_count ?? 0;
  const assumptions = [
    `limits: ${budget.label} (${budget.hardware}); ${budget.perSampleSeconds} s per sample, applied per batch (source: the KDD Cup 2024 starter kit docs)`,
    `this run's hardware is not the evaluator's: measured times are multiplied by --budget-scale ${options.scale}`,
    `the test set has about ${testItems} items over all tracks (Phase 2 answered about ${SHOPBENCH_FACTS.testItemsAbout}); each track's share of it is its share of this run's tracked items`,
    batches === null
      ? "no --batch-size: an item's time is its own latency, as if sent alone (batch size 1)"
      : "an item's time is its share of its batch's wall time",
  ];
  const broken = batchesOver > 0 || projections.some((projection) => projection.over);
  return {
    budget: options.budget,
    broken,
    batchesChecked: batches?.count ?? 0,
    batchesOver,
    projections,
    assumptions,
    text: renderVerdict(options, projections, timing, assumptions, broken),
  };
}

function renderVerdict(
  options: BudgetOptions,
  projections: readonly TrackProjection[],
  timing: RunTiming,
  assumptions: readonly string[],
  broken: boolean,
): string {
  const lines = [`time budget ${options.budget}: ${broken ? 'OVER a limit' : 'within the limits'}`];
  const batches = timing.batches;
  if (batches === null) lines.push('  batches: none sent (use --batch-size 1-16 to check the per-batch limit)');
  else {
    lines.push(`  batches: ${batches.over_limit_count} of ${batches.count} over ${batches.per_sample_limit_ms / 1000} s x batch size`);
    for (const batch of batches.over_limit) {
      const scaled = options.scale === 1 ? '' : ` (x ${options.scale} = ${((batch.wall_ms * options.scale) / 1000).toFixed(2)} s)`;
      lines.push(
        `    batch from ${batch.first_id} (${batch.size} items): ${(batch.wall_ms / 1000).toFixed(2)} s${scaled} > ${((batch.size * batches.per_sample_limit_ms) / 1000).toFixed(0)} s`,
      );
    }
    if (batches.over_limit_count > batches.over_limit.length)
      lines.push(`    ... and ${batches.over_limit_count - batches.over_limit.length} more`);
  }
  for (const projection of projections) {
    const baseline = projection.baselineSeconds === undefined ? '' : `; baseline used ${projection.baselineSeconds} s`;
    lines.push(
      `  ${projection.track}: ${projection.secondsPerItem.toFixed(3)} s/item x ${Math.round(projection.share * 100)}% of the test set = ${Math.round(projection.projectedSeconds)} s` +
        ` of ${projection.limitSeconds} s${projection.over ? ' OVER' : ''}${baseline}`,
    );
  }
  if (projections.length === 0) lines.push('  no timed answers: nothing to project');
  lines.push('  assumptions:', ...assumptions.map((assumption) => `    - ${assumption}`));
  return lines.join('\n');
}
