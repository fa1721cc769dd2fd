import { join } from 'node:path';
import type { AnyRunOutcome } from '../pipeline/run-evaluation';
import { formatPercent, formatScore } from '../reports/render/format';
import { renderTimingTable } from '../reports/render/render-timing-terminal';
import { renderSummaryTable } from '../reports/render/summary-table';
import { PREDICTIONS_FILE, SUBMISSION_FILE } from '../rundir/prediction-files';
import { plural } from '../util/plural';
import { describeAnswers } from './describe-answers';
import { describeMcScoring } from './describe-mc-scoring';

/** What `shopeval run` prints once the run is written: the scores (or why there are none), the timing, the counts. */
export function renderRunOutcome(
  outcome: AnyRunOutcome,
  out: { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void },
): void {
  if (outcome.kind === 'scored') {
    out.stdout(renderSummaryTable(outcome.summary, { detailsIn: join(outcome.directory, 'summary.json') }) + '\n');
  } else {
    out.stdout(
      `Test set (no truths): ${plural(outcome.itemCount, 'item')} answered, UNSCORED. Score the predictions against the labelled file with\n` +
        `  shopeval score --data <labelled dataset> --predictions ${join(outcome.directory, PREDICTIONS_FILE)}\n`,
    );
    const problems = outcome.formatProblems;
    if (problems.count > 0) {
      out.stdout(`${plural(problems.count, 'answer')} the official parser would not read (e.g. a multiple-choice answer read as -1):\n`);
      for (const example of problems.examples)
        out.stdout(`  ${example.id} (${example.where}): ${JSON.stringify(example.output.slice(0, 80))}\n`);
      if (problems.count > problems.examples.length) out.stdout(`  ... and ${problems.count - problems.examples.length} more\n`);
    } else out.stdout('Every answer is in a format the official parser reads.\n');
  }
  out.stdout(renderTimingTable(outcome.timing) + '\n');
  out.stderr(`${describeAnswers(outcome)}\n`);
  const repeats = outcome.kind === 'scored' ? outcome.summary.repeats : undefined;
  if (repeats !== undefined && outcome.kind === 'scored') {
    const agreement = formatPercent(repeats.overall.agreement);
    out.stderr(
      `${repeats.count} repeats: the scores above are means over repeats; overall per repeat ${repeats.overall.scores.map((score) => formatScore(score)).join(' ')}, spread ${formatScore(repeats.overall.spread)} (sample standard deviation), rows agreeing in every repeat ${agreement}; per task: shopeval report ${outcome.directory}\n`,
    );
  }
  const mcScoring = outcome.kind === 'scored' ? describeMcScoring(outcome.summary.mc_scoring) : undefined;
  if (mcScoring !== undefined) out.stderr(`${mcScoring}\n`);
  if (outcome.nullContent > 0) {
    out.stderr(
      `${outcome.nullContent} answers came with null content (scored as empty outputs; a reasoning model may have spent --max-tokens thinking)\n`,
    );
  }
  const files =
    outcome.kind === 'scored'
      ? 'manifest.json, responses.jsonl, items.jsonl, summary.json'
      : `manifest.json, responses.jsonl, ${PREDICTIONS_FILE}, ${SUBMISSION_FILE}`;
  out.stderr(`run written to ${outcome.directory} (${files})\n`);
}
