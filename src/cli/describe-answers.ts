import type { RunOutcome } from '../pipeline/run-evaluation';

import { plural } from '../util/plural';

/** What happened to the items, in one line: `96 of 96 items answered (90 new, 6 from the cache)`. */
export function describeAnswers(outcome: Pick<RunOutcome, 'items' | 'requested' | 'apiErrors' | 'cache'>): string {
  const total = outcome.items.length;
  const fromCache = outcome.cache?.hits ?? 0;
  const fromEarlierRun = total - outcome.requested;
  const fresh = outcome.requested - fromCache - outcome.apiErrors;
  const parts = [
    ...(fresh > 0 ? [`${fresh} new`] : []),
    ...(fromCache > 0 ? [`${fromCache} from the cache`] : []),
    ...(fromEarlierRun > 0 ? [`${fromEarlierRun} from the run directory's earlier answers`] : []),
  ];
  const errors = outcome.apiErrors > 0 ? `; ${plural(outcome.apiErrors, 'API error')} (left out of the scores)` : '';
  return `${total - outcome.apiErrors} of ${plural(total, 'item')} answered${parts.length > 0 ? ` (${parts.join(', ')})` : ''}${errors}`;
}
