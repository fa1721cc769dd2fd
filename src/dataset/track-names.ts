import { DatasetError } from '../errors';
import { KNOWN_TRACKS } from './row';

/** A competition track: the dataset's id (kept as data), the short alias `--tracks` accepts, and the one name people read. */
interface KnownTrack {
  readonly id: string;
  readonly alias: string;
  readonly name: string;
}

/** Keyed by the ids of KNOWN_TRACKS, so a track added there must be named here. */
const NAMES = {
  'amazon-kdd-cup-24-understanding-shopping-concepts': { alias: 'track1', name: 'Track 1 shopping concepts' },
  'amazon-kdd-cup-24-shopping-knowledge-reasoning': { alias: 'track2', name: 'Track 2 knowledge reasoning' },
  'amazon-kdd-cup-24-user-behavior-alignment': { alias: 'track3', name: 'Track 3 user behaviour' },
  'amazon-kdd-cup-24-multi-lingual-abilities': { alias: 'track4', name: 'Track 4 multilingual' },
} as const satisfies Record<(typeof KNOWN_TRACKS)[number], { readonly alias: string; readonly name: string }>;

const COMPETITION_TRACKS: readonly KnownTrack[] = KNOWN_TRACKS.map((id) => ({ id, ...NAMES[id] }));

const COMPETITION_PREFIX = 'amazon-kdd-cup-24-';

/** The name a track is shown under in every table, report and file; other datasets' tracks keep their own name. */
export function trackDisplayName(track: string): string {
  return COMPETITION_TRACKS.find((known) => known.id === track)?.name ?? track;
}

/** Case, spaces, hyphens, underscores and colons do not matter when a person types a track: "Track 1" is "track1". */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s_:-]+/g, '');
}

/** Every spelling that names `track`: its id, its display name, and for a competition track its alias and the id without the competition prefix. */
export function trackSpellings(track: string): string[] {
  const known = COMPETITION_TRACKS.find((entry) => entry.id === track);
  const spellings = [track, trackDisplayName(track)];
  if (known) spellings.push(known.alias, track.slice(COMPETITION_PREFIX.length));
  return spellings;
}

/** Whether `key` names `track` in any of its spellings. */
export function namesTrack(key: string, track: string): boolean {
  const wanted = normalise(key);
  return wanted !== '' && trackSpellings(track).some((spelling) => normalise(spelling) === wanted);
}

/** How a track is listed in messages: "track1 (Track 1 shopping concepts, amazon-kdd-cup-24-...)". */
export function describeTrack(track: string): string {
  const known = COMPETITION_TRACKS.find((entry) => entry.id === track);
  return known ? `${known.alias} (${known.name}, ${known.id})` : track;
}

/** The dataset's track ids that `requested` names (any spelling); a name that matches none is an error listing the tracks. */
export function resolveTrackNames(requested: readonly string[], available: readonly string[], where: string): string[] {
  const unknown = requested.filter((key) => !available.some((track) => namesTrack(key, track)));
  if (unknown.length > 0) {
    throw new DatasetError(
      `${where}: --tracks ${unknown.join(', ')}: no such track; the dataset's tracks are ${available.map(describeTrack).join('; ')}`,
      {
        hint: 'Name a track by its alias (track1), its display name or its id.',
      },
    );
  }
  return available.filter((track) => requested.some((key) => namesTrack(key, track)));
}
