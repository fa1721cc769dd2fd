import { ConfigError } from '../../errors';
import type { IdentityFact, ServerIdentity } from '../identity/checkpoint-identity';

function show(value: IdentityFact | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/** The facts two identities disagree on (`root: "/a" vs "/b"`), or undefined when they describe the same checkpoint. */
export function describeIdentityMismatch(expected: ServerIdentity, actual: ServerIdentity): string | undefined {
  const differences: string[] = [];
  if (expected.server !== actual.server) differences.push(`server: ${expected.server} vs ${actual.server}`);
  const keys = [...new Set([...Object.keys(expected.facts), ...Object.keys(actual.facts)])].sort();
  for (const key of keys) {
    const before = show(expected.facts[key]);
    const now = show(actual.facts[key]);
    if (before !== now) differences.push(`${key}: ${before} vs ${now}`);
  }
  return differences.length === 0 ? undefined : differences.join('; ');
}

/** Refuses replicas that do not all serve the first one's checkpoint, naming each odd replica and the differing facts. */
export function checkSameCheckpoint(
  replicas: readonly { readonly endpoint: string; readonly identity: ServerIdentity | undefined }[],
): void {
  const [first, ...rest] = replicas;
  if (first?.identity === undefined) return;
  const odd: string[] = [];
  for (const replica of rest) {
    if (replica.identity === undefined) continue;
    const mismatch = describeIdentityMismatch(first.identity, replica.identity);
    if (mismatch !== undefined) odd.push(`${replica.endpoint} differs from ${first.endpoint}: ${mismatch}`);
  }
  if (odd.length === 0) return;
  throw new ConfigError(`the replicas do not serve the same checkpoint: ${odd.join(' | ')}`, {
    hint: 'Point every --base-url at a server of the same checkpoint (same weights, same served name), or drop the odd ones.',
  });
}
