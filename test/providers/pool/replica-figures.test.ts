import { mergeReplicaFigures, ReplicaTally, type ReplicaFigures } from '../../../src/providers/pool/replica-figures';

function figures(
  endpoint: string,
  answered: number,
  mean: number | null,
  max: number | null,
  extra: Partial<ReplicaFigures> = {},
): ReplicaFigures {
  return { endpoint, requests: answered, answered, errors: 0, ejections: 0, latency_ms: { mean, max }, ...extra };
}

describe('replica figures', () => {
  it('counts answers and their mean and slowest latency', () => {
    const tally = new ReplicaTally('http://a/v1');
    tally.requests = 3;
    tally.errors = 1;
    tally.recordAnswer(100);
    tally.recordAnswer(300.04);
    expect(tally.figures()).toEqual({
      endpoint: 'http://a/v1',
      requests: 3,
      answered: 2,
      errors: 1,
      ejections: 0,
      latency_ms: { mean: 200, max: 300 },
    });
    expect(new ReplicaTally('http://b/v1').figures().latency_ms).toEqual({ mean: null, max: null });
  });

  it('sums a resume by endpoint: counts add, the mean is weighted by answers, the max is the larger; a new replica is appended', () => {
    const previous = [figures('http://a/v1', 10, 100, 150, { errors: 2, ejections: 1 }), figures('http://b/v1', 0, null, null)];
    const current = [figures('http://a/v1', 30, 200, 120), figures('http://b/v1', 5, 50, 60), figures('http://c/v1', 1, 10, 10)];
    expect(mergeReplicaFigures(previous, current)).toEqual([
      { endpoint: 'http://a/v1', requests: 40, answered: 40, errors: 2, ejections: 1, latency_ms: { mean: 175, max: 150 } },
      { endpoint: 'http://b/v1', requests: 5, answered: 5, errors: 0, ejections: 0, latency_ms: { mean: 50, max: 60 } },
      figures('http://c/v1', 1, 10, 10),
    ]);
  });
});
