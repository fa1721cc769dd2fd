import { join } from 'node:path';
import { ConfigError } from '../errors';
import { defaultModelName } from '../providers/provider-names';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';
import { createProgressReporter } from '../pipeline/progress-reporter';
import { parseExtraBody } from '../pipeline/extra-body';
import { resolveMaxTokens, resolveSystemPrompt } from '../pipeline/prompt-settings';
import { runEvaluation, type RunEvaluationOptions, type RunOutcome } from '../pipeline/run-evaluation';
import { EndpointUnreachableError } from '../pipeline/endpoint-unreachable-error';
import { RunInterruptedError } from '../pipeline/run-interrupted-error';
import { formatScore } from '../reports/format';
import { renderSummaryTable } from '../reports/summary-table';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import { EXIT_FAILED_CHECK, EXIT_INTERRUPTED, EXIT_RUNTIME } from './exit-codes';
import { EMBEDDING_FLAGS } from './flags/embedding-flags';
import { resumeCommandLine } from './resume-command-line';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { RUN_FLAGS } from './flags/run-flags';
import { describeAnswers } from './describe-answers';
import { describeMcScoring } from './describe-mc-scoring';
import { defaultRunDirectory, listFlag, parseTags } from './run-flag-values';
import { defined } from '../util/defined';
import type { FewShotOptions } from '../prompting/resolve-prompt-files';

type RunFlags = FlagValues<typeof RUN_FLAGS>;

/** Resolves every flag into runEvaluation options; a bad value is a ConfigError naming the flag, before anything runs. */
function evaluationOptions(args: RunFlags, embedding: EmbeddingArguments, out: string, signal: AbortSignal): RunEvaluationOptions {
  const seed = args.seed;
  return {
    data: args.data,
    datasetOptions: { skipInvalidRows: args['skip-invalid-rows'], ...defined({ trackMap: args['track-map'] }) },
    filter: defined({ tasks: listFlag(args.tasks), tracks: listFlag(args.tracks), limit: args.limit }),
    provider: {
      provider: args.provider,
      ...defined({ model: args.model ?? defaultModelName(args.provider), baseURL: args['base-url'], apiKey: args['api-key'], api: args.api, predictions: args.predictions, seed }),
    },
    profile: args.profile,
    out,
    prompt: {
      ...resolveSystemPrompt(args['system-prompt'], args['system-preset']),
      temperature: args.temperature,
      maxTokens: resolveMaxTokens(args['max-tokens'] ?? []),
      ...defined({ stop: args.stop, seed, topP: args['top-p'], topK: args['top-k'], presencePenalty: args['presence-penalty'], frequencyPenalty: args['frequency-penalty'] }),
      ...defined({ templateFile: args['prompt-template'], templatePreset: args['prompt-preset'] }),
      ...(args['extra-body'] === undefined ? {} : { extraBody: parseExtraBody(args['extra-body']) }),
      ...(args['mc-scoring'] === 'generate' ? {} : { mcScoring: args['mc-scoring'] }),
      ...fewShotOptions(args),
      ...(args.repeats > 1 ? { repeats: args.repeats } : {}),
    },
    ...(args['strip-reasoning'] ? { stripReasoning: true } : {}),
    tags: parseTags(args.tag),
    concurrency: args.concurrency,
    timeoutMs: args.timeout,
    retry: { maxAttempts: args['max-attempts'] },
    deadEndpointMs: Math.max(1, Math.round(args['dead-endpoint-after'] * 1000)),
    identityProbe: args['identity-probe'],
    ...defined({ checkpointId: args['checkpoint-id']?.trim() || undefined }),
    ...(args.cache ? { cache: { directory: args['cache-dir'] ?? defaultCacheDirectory(), cacheOnly: args['cache-only'] } } : {}),
    force: args.force,
    progress: createProgressReporter(),
    resolveEmbedders: (dataset) => resolveDatasetEmbedders(dataset, embedding),
    notify: (message) => process.stderr.write(`${message}\n`),
    signal,
  };
}

/** `--few-shot K` and `--few-shot-source FILE` go together; the seed and turns flags only matter with them. */
function fewShotOptions(args: RunFlags): { fewShot?: FewShotOptions } {
  const k = args['few-shot'];
  const source = args['few-shot-source'];
  if (k === undefined && source === undefined) return {};
  if (k === undefined) throw new ConfigError('--few-shot-source needs --few-shot K (how many examples to show)');
  if (source === undefined) throw new ConfigError(`--few-shot ${k} needs --few-shot-source FILE (a ShopBench-format file to draw the examples from)`);
  return { fewShot: { k, source, seed: args['few-shot-seed'], asTurns: args['few-shot-as-turns'] } };
}

/** SIGINT/SIGTERM stop the run cleanly (the log is closed, the directory resumable); a second one exits at once. */
function interruptOnSignals(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function handler(args: RunFlags, embedding: EmbeddingArguments): Promise<void> {
  if (args['cache-only'] && !args.cache) throw new ConfigError('--cache-only and --no-cache contradict each other', { hint: 'Drop one of them.' });
  const out = args.out ?? defaultRunDirectory(args.model ?? defaultModelName(args.provider) ?? args.provider);
  const interrupt = interruptOnSignals();
  let outcome: RunOutcome;
  try {
    const options = evaluationOptions(args, embedding, out, interrupt.signal);
    process.stderr.write(`run directory: ${out}\n`);
    outcome = await runEvaluation(options);
  } catch (error) {
    if (!(error instanceof RunInterruptedError) && !(error instanceof EndpointUnreachableError)) throw error;
    // both stops keep every answer: say so, and give the one command that carries on
    const command = await resumeCommandLine(args, { ...RUN_FLAGS, ...EMBEDDING_FLAGS }, embedding, out);
    process.stderr.write(`${error instanceof RunInterruptedError ? '' : 'shopeval: '}${error.message}\n  resume with: ${command}\n`);
    process.exitCode = error instanceof RunInterruptedError ? EXIT_INTERRUPTED : EXIT_RUNTIME;
    return;
  } finally {
    interrupt.release();
  }
  process.stdout.write(renderSummaryTable(outcome.summary, { detailsIn: join(outcome.directory, 'summary.json') }) + '\n');
  process.stderr.write(`${describeAnswers(outcome)}\n`);
  const repeats = outcome.summary.repeats;
  if (repeats !== undefined) {
    const agreement = repeats.overall.agreement === null ? 'n/a' : `${(repeats.overall.agreement * 100).toFixed(1)}%`;
    process.stderr.write(`${repeats.count} repeats: the scores above are means over repeats; overall per repeat ${repeats.overall.scores.map((score) => formatScore(score)).join(' ')}, spread ${formatScore(repeats.overall.spread)} (sample standard deviation), rows agreeing in every repeat ${agreement}; per task: shopeval report ${outcome.directory}\n`);
  }
  const mcScoring = describeMcScoring(outcome.summary.mc_scoring);
  if (mcScoring !== undefined) process.stderr.write(`${mcScoring}\n`);
  if (outcome.nullContent > 0) {
    process.stderr.write(`${outcome.nullContent} answers came with null content (scored as empty outputs; a reasoning model may have spent --max-tokens thinking)\n`);
  }
  process.stderr.write(`run written to ${outcome.directory} (manifest.json, responses.jsonl, items.jsonl, summary.json)\n`);
  const total = outcome.itemCount;
  const errorRate = total === 0 ? 0 : outcome.apiErrors / total;
  if (errorRate > args['max-error-rate']) {
    process.stderr.write(`API error rate ${(errorRate * 100).toFixed(2)}% exceeds --max-error-rate ${args['max-error-rate']}; run again with --out ${outcome.directory} to retry them\n`);
    process.exitCode = EXIT_FAILED_CHECK;
  }
}

/** `shopeval run`, after yargs has parsed the command line (loaded only when the command runs). */
export function handleRun(args: Readonly<Record<string, unknown>>): Promise<void> {
  return handler(readFlags(RUN_FLAGS, args), readEmbeddingFlags(args));
}
