import { formatPercent, formatScore } from '../reports/render/format';
import { join } from 'node:path';
import { timeBudgetVerdict } from '../budget/time-budget';
import type { AnyRunOutcome } from '../pipeline/run-evaluation';
import { renderSummaryTable } from '../reports/render/summary-table';
import { renderTimingTable } from '../reports/render/render-timing-terminal';
import { PREDICTIONS_FILE, SUBMISSION_FILE } from '../rundir/prediction-files';
import type { FlagValues } from './flags/flag-spec';
import type { RUN_FLAGS } from './flags/run-flags';
import { describeAnswers } from './describe-answers';
import { describeMcScoring } from './describe-mc-scoring';
import { EXIT_FAILED_CHECK } from './exit-codes';
import { plural } from '../util/plural';

type RunFlags = FlagValues<typeof RUN_FLAGS>;

/** What `shopeval run` prints once the run is written: the scores (or why there are none), the timing, the verdict; sets the exit code. */
export function reportRunOutcome(outcome: AnyRunOutcome, args: RunFlags): void {
  if (outcome.kind === 'scored') {
    process.stdout.write(renderSummaryTable(outcome.summary, { detailsIn: join(outcome.directory, 'summary.json') }) + '\n');
  } else {
    process.stdout.write(
      `Test set (no truths): ${plural(outcome.itemCount, 'item')} answered, UNSCORED. Score the predictions against the labelled file with\n` +
        `  shopeval score --data <labelled dataset> --predictions ${join(outcome.directory, PREDICTIONS_FILE)}\n`,
    );
    const problems = outcome.formatProblems;
    if (problems.count > 0) {
      process.stdout.write(
        `${plural(problems.count, 'answer')} the official parser would not read (e.g. a multiple-choice answer read as -1):\n`,
      );
      for (const example of problems.examples)
        process.stdout.write(`  ${example.id} (${example.where}): ${JSON.stringify(example.output.slice(0, 80))}\n`);
      if (problems.count > problems.examples.length) process.stdout.write(`  ... and ${problems.count - problems.examples.length} more\n`);
    } else process.stdout.write('Every answer is in a format the official parser reads.\n');
  }
  process.stdout.write(renderTimingTable(outcome.timing) + '\n');
  process.stderr.write(`${describeAnswers(outcome)}\n`);
  const repeats = outcome.kind === 'scored' ? outcome.summary.repeats : undefined;
  if (repeats !== undefined && outcome.kind === 'scored') {
    const agreement = formatPercent(repeats.overall.agreement);
    process.stderr.write(
      `${repeats.count} repeats: the scores above are means over repeats; overall per repeat ${repeats.overall.scores.map((score) => formatScore(score)).join(' ')}, spread ${formatScore(repeats.overall.spread)} (sample standard deviation), rows agreeing in every repeat ${agreement}; per task: shopeval report ${outcome.directory}\n`,
    );
  }
  const mcScoring = outcome.kind === 'scored' ? describeMcScoring(outcome.summary.mc_scoring) : undefined;
  if (mcScoring !== undefined) process.stderr.write(`${mcScoring}\n`);
  if (outcome.nullContent > 0) {
    process.stderr.write(
      `${outcome.nullContent} answers came with null content (scored as empty outputs; a reasoning model may have spent --max-tokens thinking)\n`,
    );
  }
  const files =
    outcome.kind === 'scored'
      ? 'manifest.json, responses.jsonl, items.jsonl, summary.json'
      : `manifest.json, responses.jsonl, ${PREDICTIONS_FILE}, ${SUBMISSION_FILE}`;
  process.stderr.write(`run written to ${outcome.directory} (${files})\n`);
  const total = outcome.itemCount;
  const errorRate = total === 0 ? 0 : outcome.apiErrors / total;
  if (errorRate > args['max-error-rate']) {
    process.stderr.write(
      `API error rate ${(errorRate * 100).toFixed(2)}% exceeds --max-error-rate ${args['max-error-rate']}; run again with --out ${outcome.directory} to retry them\n`,
    );
    process.exitCode = EXIT_FAILED_CHECK;
  }
  const budget = args['time-budget'];
  if (budget === undefined) return;
  const verdict = timeBudgetVerdict(outcome.timing, { budget, scale: args['budget-scale'], testItems: args['budget-test-items'] });
  process.stdout.write(verdict.text + '\n');
  if (verdict.broken && args['fail-on-budget']) process.exitCode = EXIT_FAILED_CHECK;
}
