/** One replica's share of a run, as the manifest and the reports show it (summed over resumes). */
export interface ReplicaFigures {
  /** The replica's --base-url, redacted (no userinfo, no query string). */
  readonly endpoint: string;
  /** Calls sent to it, retries included. */
  readonly requests: number;
  /** Calls it answered. */
  readonly answered: number;
  /** Calls that failed there (the retry layer asked again, possibly elsewhere). */
  readonly errors: number;
  /** Times it was taken out after consecutive failures. */
  readonly ejections: number;
  /** Wall time of its answered calls: the mean and the slowest, in ms (null before any answer). */
  readonly latency_ms: { readonly mean: number | null; readonly max: number | null };
}

/** A replica's running counters while the run goes. */
export class ReplicaTally {
  requests = 0;
  answered = 0;
  errors = 0;
  ejections = 0;
  private latencySum = 0;
  private latencyMax: number | undefined;

  constructor(readonly endpoint: string) {}

  recordAnswer(latencyMs: number): void {
    this.answered += 1;
    this.latencySum += latencyMs;
    this.latencyMax = Math.max(this.latencyMax ?? 0, latencyMs);
  }

  figures(): ReplicaFigures {
    const mean = this.answered === 0 ? null : round(this.latencySum / this.answered);
    return {
      endpoint: this.endpoint,
      requests: this.requests,
      answered: this.answered,
      errors: this.errors,
      ejections: this.ejections,
      latency_ms: { mean, max: this.latencyMax === undefined ? null : round(this.latencyMax) },
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Adds this invocation's figures to a resumed run's, by endpoint (a replica new to the run is appended). */
export function mergeReplicaFigures(previous: readonly ReplicaFigures[], current: readonly ReplicaFigures[]): ReplicaFigures[] {
  const merged = previous.map((figures) => ({ ...figures }));
  for (const figures of current) {
    const index = merged.findIndex((entry) => entry.endpoint === figures.endpoint);
    const before = merged[index];
    if (before === undefined) {
      merged.push(figures);
      continue;
    }
    const answered = before.answered + figures.answered;
    const sum = (before.latency_ms.mean ?? 0) * before.answered + (figures.latency_ms.mean ?? 0) * figures.answered;
    const maxima = [before.latency_ms.max, figures.latency_ms.max].filter((value): value is number => value !== null);
    merged[index] = {
      endpoint: figures.endpoint,
      requests: before.requests + figures.requests,
      answered,
      errors: before.errors + figures.errors,
      ejections: before.ejections + figures.ejections,
      latency_ms: { mean: answered === 0 ? null : round(sum / answered), max: maxima.length === 0 ? null : Math.max(...maxima) },
    };
  }
  return merged;
}
