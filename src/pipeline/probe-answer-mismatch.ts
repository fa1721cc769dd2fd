import type { ProbeAnswer } from './behaviour-probe';
import type { ResponseEntries } from '../rundir/response-log-file';

/** On a resume: the first probe item whose logged answer differs from the server's answer now, said in one line. */
export function probeAnswerMismatch(entries: ResponseEntries, answers: readonly ProbeAnswer[]): string | undefined {
  for (const answer of answers) {
    const logged = entries.get(answer.row.id)?.output;
    if (logged == null || logged === answer.response.text) continue;
    return (
      `the checkpoint answers differently than when this run started (greedy answer to item ${answer.row.id}, ` +
      `logged: ${JSON.stringify(logged.slice(0, 60))}, now: ${JSON.stringify(answer.response.text.slice(0, 60))}): another checkpoint is being served under the same name`
    );
  }
  return undefined;
}
