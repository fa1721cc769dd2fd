import { ConfigError } from '../../errors';
import { DEFAULT_PROFILE, PROFILE_NAMES, type ProfileName } from '../types';
import { kddCup2024Profile } from './kddcup2024';
import type { ScoringProfile } from './scoring-profile';
import { shoppingMmluProfile } from './shoppingmmlu';

export const PROFILES = {
  kddcup2024: kddCup2024Profile,
  shoppingmmlu: shoppingMmluProfile,
} as const satisfies Readonly<Record<ProfileName, ScoringProfile>>;

export { DEFAULT_PROFILE };

export function getProfile(name: string): ScoringProfile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new ConfigError(`unknown scoring profile "${name}"; choose one of ${PROFILE_NAMES.join(', ')}`, {
      hint: 'Use --profile kddcup2024 (the competition) or --profile shoppingmmlu (the paper).',
    });
  }
  return PROFILES[name as ProfileName];
}
