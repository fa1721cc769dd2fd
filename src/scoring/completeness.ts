import type { Completeness, ItemRecord } from './records';

/** Counts answered items overall and per track as items stream by; any API error (or unanswered item) makes a run partial. */
export class CompletenessCounter {
  private readonly tracks = new Map<string, { items: number; answered: number }>();
  private items = 0;
  private answered = 0;

  add(item: Pick<ItemRecord, 'track' | 'api_error'>): void {
    const track = this.tracks.get(item.track) ?? { items: 0, answered: 0 };
    track.items += 1;
    this.items += 1;
    if (item.api_error === undefined) {
      track.answered += 1;
      this.answered += 1;
    }
    this.tracks.set(item.track, track);
  }

  result(): Completeness {
    return {
      complete: this.answered === this.items,
      items: this.items,
      answered: this.answered,
      api_errors: this.items - this.answered,
      tracks: [...this.tracks].map(([track, counts]) => ({
        track,
        ...counts,
        coverage: counts.items === 0 ? 1 : counts.answered / counts.items,
      })),
    };
  }
}

/** The completeness of a finished list of items (see CompletenessCounter). */
export function completenessOf(items: readonly Pick<ItemRecord, 'track' | 'api_error'>[]): Completeness {
  const counter = new CompletenessCounter();
  for (const item of items) counter.add(item);
  return counter.result();
}
