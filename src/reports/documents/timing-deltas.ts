import type { RunTiming, TimingFigures } from '../../budget/run-timing';
import { formatFigure, MISSING } from '../render/format';

/** A figure in both runs and candidate - baseline; null where a run has no figure. */
export interface FigureDelta {
  readonly baseline: number | null;
  readonly candidate: number | null;
  readonly difference: number | null;
}

/** The latency and token figures of one comparison entry in both runs. */
export interface TimingDeltas {
  readonly latency_p50_ms: FigureDelta;
  readonly latency_p95_ms: FigureDelta;
  readonly completion_tokens: FigureDelta;
  readonly tokens_per_second: FigureDelta;
  readonly items_per_second: FigureDelta;
}

type Scope = { readonly level: 'overall' } | { readonly level: 'track' | 'task'; readonly name: string };

function figuresOf(timing: RunTiming | undefined, scope: Scope): TimingFigures | undefined {
  if (timing === undefined) return undefined;
  if (scope.level === 'overall') return timing.overall;
  return scope.level === 'track' ? timing.tracks[scope.name] : timing.tasks[scope.name];
}

function delta(baseline: number | null | undefined, candidate: number | null | undefined): FigureDelta {
  const before = baseline ?? null;
  const after = candidate ?? null;
  return {
    baseline: before,
    candidate: after,
    difference: before === null || after === null ? null : Math.round((after - before) * 1000) / 1000,
  };
}

/** The deltas of an entry, or null when neither run recorded figures for it (score directories, older runs). */
export function timingDeltas(baseline: RunTiming | undefined, candidate: RunTiming | undefined, scope: Scope): TimingDeltas | null {
  const before = figuresOf(baseline, scope);
  const after = figuresOf(candidate, scope);
  if (before === undefined && after === undefined) return null;
  return {
    latency_p50_ms: delta(before?.latency_ms?.p50, after?.latency_ms?.p50),
    latency_p95_ms: delta(before?.latency_ms?.p95, after?.latency_ms?.p95),
    completion_tokens: delta(before?.completion_tokens, after?.completion_tokens),
    tokens_per_second: delta(before?.tokens_per_second, after?.tokens_per_second),
    items_per_second: delta(before?.items_per_second, after?.items_per_second),
  };
}

/** `420.0 → 381.5 (-38.5)`, or `n/a` when a side has no figure. */
export function formatDelta(figure: FigureDelta | undefined, digits = 1): string {
  if (figure === undefined || (figure.baseline === null && figure.candidate === null)) return MISSING;
  const side = (value: number | null): string => formatFigure(value, digits);
  const change = figure.difference === null ? '' : ` (${figure.difference >= 0 ? '+' : ''}${figure.difference.toFixed(digits)})`;
  return `${side(figure.baseline)} → ${side(figure.candidate)}${change}`;
}
