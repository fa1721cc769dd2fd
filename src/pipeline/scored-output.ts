import type { ResponseLogEntry } from '../rundir/response-log-file';
import type { ItemOutput } from './score-outputs';
import { stripReasoning } from './strip-reasoning';

/**
 * What the profile parses for a logged answer: the chosen option label in logprobs mode (none chosen: an empty,
 * unparseable answer), else the text, its reasoning removed with --strip-reasoning. The raw text is kept beside it.
 */
export function scoredOutput(entry: ResponseLogEntry, raw: string, strip: boolean): ItemOutput {
  if (entry.mc !== undefined) return { output: entry.mc.chosen ?? '', rawOutput: raw, mc: entry.mc };
  if (!strip) return { output: raw };
  const stripped = stripReasoning(raw);
  return stripped === raw ? { output: raw } : { output: stripped, rawOutput: raw };
}
