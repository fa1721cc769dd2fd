import type { Completeness, ItemRecord } from './records';

/** Answered items overall and per track; any API error (or unanswered item) makes the run partial. */
export function completenessOf(items: readonly ItemRecord[]): Completeness {
  const tracks = new Map<string, { items: number; answered: number }>();
  for (const item of items) {
    const track = tracks.get(item.track) ?? { items: 0, answered: 0 };
    track.items += 1;
    if (item.api_error === undefined) track.answered += 1;
    tracks.set(item.track, track);
  }
  const answered = items.filter((item) => item.api_error === undefined).length;
  return {
    complete: answered === items.length,
    items: items.length,
    answered,
    api_errors: items.length - answered,
    tracks: [...tracks].map(([track, counts]) => ({ track, ...counts, coverage: counts.items === 0 ? 1 : counts.answered / counts.items })),
  };
}
