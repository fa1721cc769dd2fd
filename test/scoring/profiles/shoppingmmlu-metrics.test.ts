import {
  mmluAccuracy,
  mmluHitRate,
  mmluMicroF1,
  mmluNdcg,
  mmluTpFpFn,
  type MmluResult,
} from '../../../src/scoring/profiles/shoppingmmlu-metrics';
import { loadParityAggregates, loadParityCases, type ParityCase } from '../../helpers/parity-cases';

const cases = loadParityCases();
const byMetric = (metric: string): ParityCase[] => cases.filter((parityCase) => parityCase.metric === metric);

function expectMatches(result: MmluResult, expected: ParityCase['shoppingmmlu']): void {
  if (expected.error !== undefined) {
    expect(result).toMatchObject({ kind: 'error', error: expected.error });
  } else if (expected.nonfinite !== undefined) {
    expect(result).toMatchObject({ kind: 'error', error: expected.nonfinite });
  } else {
    expect(result.kind).toBe('value');
    const value = result.kind === 'value' ? result.value : NaN;
    expect(Math.abs(value - (expected.score as number))).toBeLessThanOrEqual(1e-12);
  }
}

describe('ShoppingMMLU metrics on the raw outputs of the public parity cases', () => {
  it('covers every accuracy, hit rate@3, ndcg and micro f1 case', () => {
    expect(byMetric('accuracy')).toHaveLength(77);
    expect(byMetric('hit rate@3')).toHaveLength(75);
    expect(byMetric('ndcg')).toHaveLength(61);
    expect(byMetric('micro f1')).toHaveLength(88);
  });

  it.each(byMetric('accuracy').map((c) => [c.id, c] as const))('accuracy %s', (_id, parityCase) => {
    expectMatches(mmluAccuracy(parityCase.output, parityCase.truth as number), parityCase.shoppingmmlu);
  });

  it.each(byMetric('hit rate@3').map((c) => [c.id, c] as const))('hit rate %s', (_id, parityCase) => {
    expectMatches(mmluHitRate(parityCase.output, parityCase.truth as number[]), parityCase.shoppingmmlu);
  });

  it.each(byMetric('ndcg').map((c) => [c.id, c] as const))('ndcg %s', (_id, parityCase) => {
    const truth = parityCase.truth as number[];
    const before = [...truth];
    expectMatches(mmluNdcg(parityCase.output, truth), parityCase.shoppingmmlu);
    expect(truth).toStrictEqual(before);
  });

  it.each(byMetric('micro f1').map((c) => [c.id, c] as const))('tp_fp_fn %s', (_id, parityCase) => {
    const counts = mmluTpFpFn(parityCase.output, parityCase.truth as string[]);
    expect([counts.tp, counts.fp, counts.fn]).toStrictEqual(parityCase.shoppingmmlu.score);
  });
});

describe('ShoppingMMLU compute_f1_score on the micro f1 task aggregates', () => {
  const casesById = new Map(cases.map((parityCase) => [parityCase.id, parityCase]));
  const f1Tasks = loadParityAggregates().filter(
    (aggregate) => aggregate.kind === 'task' && aggregate.case_ids?.every((id) => casesById.get(id)?.metric === 'micro f1'),
  );

  it('has the micro f1 tasks', () => {
    expect(f1Tasks).toHaveLength(9);
  });

  it.each(f1Tasks.map((aggregate) => [aggregate.id, aggregate] as const))('%s', (_id, aggregate) => {
    const counts = (aggregate.case_ids ?? []).map((id) => {
      const parityCase = casesById.get(id) as ParityCase;
      return mmluTpFpFn(parityCase.output, parityCase.truth as string[]);
    });
    expectMatches(mmluMicroF1(counts), { ...aggregate.shoppingmmlu, score: aggregate.shoppingmmlu.score });
  });
});

describe('ShoppingMMLU worked examples of the parity README', () => {
  const value = (result: number): MmluResult => ({ kind: 'value', value: result });
  it.each([
    ['2', '2', 1],
    [' 2 ', '2', 1],
    ['\n2', '2', 0],
    ['\uff12', '2', 0],
    ['2. table', '2', 1],
    ['', '2', 0],
  ])('accuracy(%j, %j) = %d', (generation, truth, expected) => {
    expect(mmluAccuracy(generation, Number(truth))).toStrictEqual(value(expected));
  });

  it.each([
    ['6, 9, 15', [6, 9, 15], 1.0],
    ['[6, 9, 15]', [6, 9, 15], 0.3333333333333333],
    ['6\n9\n15', [6, 9, 15], 0.0],
    ['6,\n9,\n15', [6, 9, 15], 1.0],
    ['1_5, +9, \uff16', [6, 9, 15], 1.0],
  ])('hit_rate(%j, %j) = %d', (generation, truth, expected) => {
    expect(mmluHitRate(generation, truth)).toStrictEqual(value(expected));
  });

  it('hit_rate raises ZeroDivisionError on an empty truth', () => {
    expect(mmluHitRate('6, 9', [])).toMatchObject({ kind: 'error', error: 'ZeroDivisionError' });
  });

  it.each([
    ['a, ,b', ['a', 'b'], [2, 1, 0]],
    ["['a', 'b']", ['a', 'b'], [0, 2, 2]],
    ['a\nb', ['a', 'b'], [1, 0, 1]],
    ['\xa0a\xa0', ['a'], [0, 1, 1]],
  ])('tp_fp_fn(%j, %j) = %j', (generation, truth, [tp, fp, fn]) => {
    expect(mmluTpFpFn(generation, truth)).toStrictEqual({ tp, fp, fn });
  });

  it.each([
    ['1,1,1,1,1', [1, 0, 0, 0, 0], 2.9484591188793923],
    ['-1, 2', [0.01, 0.1, 0, 1, 0], 0.9966839228240811],
    ['[1, 2, 3, 4, 5]', [1, 0.01, 0.1, 1, 0], 0.33071958852671696],
    [' \n1, 4, 3, 2, 5', [1, 0.01, 0.1, 1, 0], 0.0],
  ])('ndcg_eval(%j, %j) = %d exactly', (generation, truth, expected) => {
    expect(mmluNdcg(generation, truth)).toStrictEqual(value(expected));
  });

  it('ndcg_eval raises IndexError below -len(truth), returns NaN on an all-zero truth and never sorts the caller list', () => {
    expect(mmluNdcg('-10, 1', [1, 0, 0, 0, 0])).toMatchObject({ kind: 'error', error: 'IndexError' });
    expect(mmluNdcg('1, 2', [0, 0, 0, 0, 0])).toMatchObject({ kind: 'error', error: 'NaN' });
    expect(mmluNdcg('1', [])).toMatchObject({ kind: 'error', error: 'ZeroDivisionError' });
    const truth = [1, 0.01, 0.1, 1, 0];
    mmluNdcg('1, 2', truth);
    expect(truth).toStrictEqual([1, 0.01, 0.1, 1, 0]);
  });

  it('compute_f1_score has no zero guards', () => {
    expect(
      mmluMicroF1([
        { tp: 0, fp: 0, fn: 1 },
        { tp: 0, fp: 0, fn: 2 },
      ]),
    ).toMatchObject({ kind: 'error', error: 'ZeroDivisionError' });
    expect(mmluMicroF1([{ tp: 0, fp: 2, fn: 3 }])).toStrictEqual(value(0));
    expect(
      mmluMicroF1([
        { tp: 1, fp: 0, fn: 0 },
        { tp: 0, fp: 1, fn: 1 },
      ]),
    ).toStrictEqual(value(0.5));
    expect(
      mmluMicroF1([
        { tp: 2, fp: 1, fn: 0 },
        { tp: 1, fp: 0, fn: 2 },
      ]),
    ).toStrictEqual(value(0.6666666666666665));
  });
});
