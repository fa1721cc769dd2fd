import { KNOWN_TRACKS } from '../../src/dataset/row';
import { namesTrack, resolveTrackNames, trackDisplayName } from '../../src/dataset/track-names';

const TRACK1 = 'amazon-kdd-cup-24-understanding-shopping-concepts';

describe('track names', () => {
  it('gives every competition track one display name, and leaves other tracks as they are', () => {
    expect(KNOWN_TRACKS.map(trackDisplayName)).toEqual([
      'Track 1 shopping concepts',
      'Track 2 knowledge reasoning',
      'Track 3 user behaviour',
      'Track 4 multilingual',
    ]);
    expect(trackDisplayName('my-track')).toBe('my-track');
  });

  it.each(['track1', 'Track 1', 'TRACK_1', 'Track 1 shopping concepts', TRACK1, 'understanding-shopping-concepts'])(
    'reads %j as track 1',
    (key) => {
      expect(namesTrack(key, TRACK1)).toBe(true);
      expect(namesTrack(key, 'amazon-kdd-cup-24-multi-lingual-abilities')).toBe(false);
    },
  );

  it('resolves --tracks to the dataset ids, and lists the tracks (not tasks) for a name that matches none', () => {
    expect(resolveTrackNames(['track4', 'custom'], [...KNOWN_TRACKS, 'custom'], 'dev.jsonl')).toEqual([
      'amazon-kdd-cup-24-multi-lingual-abilities',
      'custom',
    ]);
    expect(() => resolveTrackNames(['track5', ''], [TRACK1, 'custom'], 'dev.jsonl')).toThrow(
      "dev.jsonl: --tracks track5, : no such track; the dataset's tracks are track1 (Track 1 shopping concepts, amazon-kdd-cup-24-understanding-shopping-concepts); custom",
    );
  });
});
