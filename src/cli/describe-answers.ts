import type { RunOutcome } from '../pipeline/run-evaluation';

import { plural } from '../util/plural';

/** What happened to the items, in one line: `96 of 96 items answered (90 new, 6 from the cache)`. */
export function describeAnswers(
  outcome: Pick<RunOutcome, 'itemCount' | 'requested' | 'apiErrors' | 'cache'> & { readonly kind?: 'scored' | 'test-set' },
): string {
  const total = outcome.itemCount;
  const fromCache = outcome.cache?.hits ?? 0;
  const fromEarlierRun = total - outcome.requested;
  const fresh = outcome.requested - fromCache - outcome.apiErrors;
  const parts = [
    ...(fresh > 0 ? [`${fresh} new`] : []),
    ...(fromCache > 0 ? [`${fromCache} from the cache`] : []),
    ...(fromEarlierRun > 0 ? [`${fromEarlierRun} from the run directory's earlier answers`] : []),
  ];
  // a test set has no scores: its API errors are empty predictions in submission.jsonl
  const consequence =
    outcome.kind === 'test-set' ? 'empty predictions; run again with the same --out to retry them' : 'left out of the scores';
  const errors = outcome.apiErrors > 0 ? `; ${plural(outcome.apiErrors, 'API error')} (${consequence})` : '';
  return `${total - outcome.apiErrors} of ${plural(total, 'item')} answered${parts.length > 0 ? ` (${parts.join(', ')})` : ''}${errors}`;
}
