import { didYouMean } from '../util/suggest';
import { ConfigError } from '../errors';

/**
 * Refuses keys a library caller misspelled (`baseUrl` for `baseURL`): JavaScript callers and spread objects get no
 * compile-time check, and an ignored option would silently change a run.
 */
export function checkOptionKeys(value: unknown, allowed: Readonly<Record<string, true>>, where: string): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(`${where} must be an object, got ${JSON.stringify(value)}`);
  const known = Object.keys(allowed);
  for (const key of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(allowed, key)) {
      throw new ConfigError(`${where}: unknown option "${key}"${didYouMean(key, known)}`, {
        hint: `Options of ${where}: ${known.join(', ')}.`,
      });
    }
  }
}

export function checkPositiveInteger(value: number, where: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(`${where} must be a positive integer, got ${JSON.stringify(value)}`);
  return value;
}
