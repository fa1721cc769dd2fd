import { aggregate, type AggregateItem } from '../../src/scoring/aggregate';
import { numpyMean } from '../../src/scoring/numpy-mean';
import { PROFILES } from '../../src/scoring/profiles';
import type { ScoringResources } from '../../src/scoring/profiles/scoring-profile';
import { loadJapaneseTokenizer } from '../../src/scoring/text/japanese-tokenizer';
import type { ItemScore, ProfileName, ScoredItem } from '../../src/scoring/types';
import { loadParityAggregates, loadParityCases, type ParityCase } from '../helpers/parity-cases';

// The acceptance test of the scoring core: every case the official Python scorers computed, under both profiles.
const TOLERANCE = 1e-12;
const cases = loadParityCases();
const aggregates = loadParityAggregates();
let resources: ScoringResources = {};

beforeAll(async () => {
  resources = { japanese: await loadJapaneseTokenizer() };
});

function score(profile: ProfileName, parityCase: ParityCase): ScoredItem {
  const item = { taskType: parityCase.task_type, metric: parityCase.metric, truth: parityCase.truth };
  return PROFILES[profile].scoreItem(item, parityCase.output, resources);
}

function expectScore(actual: ItemScore, expected: number | readonly number[], id: string): void {
  if (Array.isArray(expected)) {
    expect({ id, score: actual }).toEqual({ id, score: { kind: 'counts', tp: expected[0], fp: expected[1], fn: expected[2] } });
    return;
  }
  expect({ id, kind: actual.kind }).toEqual({ id, kind: 'value' });
  if (actual.kind === 'value') expect(Math.abs(actual.value - (expected as number))).toBeLessThanOrEqual(TOLERANCE);
}

describe('kddcup2024 profile reproduces the official starter kit', () => {
  it('has the public cases', () => expect(cases.length).toBe(469));

  it.each(cases.map((parityCase) => [parityCase.id, parityCase] as const))('%s', (_id, parityCase) => {
    const result = score('kddcup2024', parityCase);
    expect(result.parsed).toEqual(parityCase.kddcup2024.parsed);
    expectScore(result.score, parityCase.kddcup2024.score, parityCase.id);
  });
});

describe('shoppingmmlu profile reproduces the paper scorer', () => {
  it.each(cases.map((parityCase) => [parityCase.id, parityCase] as const))('%s', (_id, parityCase) => {
    const result = score('shoppingmmlu', parityCase);
    const expected = parityCase.shoppingmmlu;
    if (expected.error !== undefined) expect(result.score).toMatchObject({ kind: 'error', error: expected.error });
    else if (expected.nonfinite !== undefined) expect(result.score).toMatchObject({ kind: 'error', error: 'NaN' });
    else expectScore(result.score, expected.score as number | readonly number[], parityCase.id);
  });
});

describe('aggregation reproduces local_evaluation.py and skill_evaluation.py', () => {
  const caseById = new Map(cases.map((parityCase) => [parityCase.id, parityCase]));
  const aggregateById = new Map(aggregates.map((entry) => [entry.id, entry]));

  function taskItems(profile: ProfileName, taskId: string, track: string): AggregateItem[] {
    const task = aggregateById.get(taskId);
    if (!task?.case_ids) throw new Error(`no task ${taskId}`);
    return task.case_ids.map((caseId) => {
      const parityCase = caseById.get(caseId) as ParityCase;
      const first = caseById.get(task.case_ids?.[0] as string) as ParityCase;
      const scored = score(profile, parityCase);
      // local_evaluation keys tasks by name and keeps the first row's metric (task17 mixes bleu and jp-bleu)
      return {
        taskName: taskId,
        track,
        taskType: first.task_type,
        metric: first.metric,
        score: scored.score,
        unparseable: false,
        missingPrediction: false,
      };
    });
  }

  function trackScore(profile: ProfileName, trackId: string): number | null {
    const track = aggregateById.get(trackId);
    const items = (track?.task_ids ?? []).flatMap((taskId) => taskItems(profile, taskId, trackId));
    return aggregate(items, PROFILES[profile]).tracks[0]?.score ?? null;
  }

  for (const profile of ['kddcup2024', 'shoppingmmlu'] as const) {
    it.each(aggregates.map((entry) => [entry.id, entry] as const))(`${profile} %s`, (_id, entry) => {
      const expected: { readonly score: number | null; readonly nonfinite?: string; readonly error?: string } = entry[profile];
      let actual: number | null;
      let reason: string | undefined;
      if (entry.kind === 'task') {
        const task = aggregate(taskItems(profile, entry.id, 'track'), PROFILES[profile]).tasks[0];
        actual = task?.score ?? null;
        reason = task?.reason;
      } else if (entry.kind === 'track') {
        actual = trackScore(profile, entry.id);
      } else {
        const trackScores = (entry.track_ids ?? []).map((trackId) => trackScore(profile, trackId));
        actual = trackScores.includes(null) ? null : numpyMean(trackScores as number[]);
      }
      if (expected.score === null) {
        expect(actual).toBeNull();
        if (expected.nonfinite !== undefined) expect(reason).toBe('NaN');
        else {
          // the reference names the Python exception in its own words: ours must name the same exception class
          const exception = /\b\w+Error\b/.exec(expected.error ?? '')?.[0];
          expect(exception).toMatch(/Error$/);
          expect(reason).toMatch(new RegExp(`\\b${exception ?? 'no exception named'}\\b`));
        }
      } else {
        expect(actual).not.toBeNull();
        expect(Math.abs((actual as number) - expected.score)).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }

  it.each(aggregates.filter((entry) => entry.kind === 'overall').map((entry) => [entry.id, entry] as const))(
    'all-tasks mean of %s',
    (_id, entry) => {
      const taskIds = [...new Set((entry.track_ids ?? []).flatMap((trackId) => aggregateById.get(trackId)?.task_ids ?? []))];
      const items = taskIds.flatMap((taskId) => taskItems('kddcup2024', taskId, 'track'));
      const { allTasksMean } = aggregate(items, PROFILES.kddcup2024);
      expect(Math.abs((allTasksMean as number) - (entry.kddcup2024.all_tasks_mean as number))).toBeLessThanOrEqual(TOLERANCE);
    },
  );
});
