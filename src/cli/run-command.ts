import type { Argv, CommandModule } from 'yargs';
import { ConfigError } from '../errors';
import { PROVIDER_NAMES, type ProviderName } from '../providers/create-provider';
import { DEFAULT_CONCURRENCY } from '../providers/middleware/concurrency-limit-middleware';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';
import { DEFAULT_MAX_ATTEMPTS } from '../providers/middleware/retry-middleware';
import { DEFAULT_TIMEOUT_MS } from '../providers/middleware/timeout-middleware';
import { createProgressReporter } from '../pipeline/progress-reporter';
import { SYSTEM_PROMPT_PRESETS, resolveMaxTokens, resolveSystemPrompt } from '../pipeline/prompt-settings';
import { runEvaluation, type RunEvaluationOptions, type RunOutcome } from '../pipeline/run-evaluation';
import { RunInterruptedError } from '../pipeline/run-interrupted-error';
import { renderSummaryTable } from '../reports/summary-table';
import { DEFAULT_PROFILE } from '../scoring/profiles';
import { PROFILE_NAMES, type ProfileName } from '../scoring/types';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { EMBEDDING_CLI_OPTIONS, type EmbeddingArguments } from './embedding-options';
import { EXIT_FAILED_CHECK } from './exit-codes';
import { defaultRunDirectory, fraction, integer, listFlag, nonNegativeNumber, parseTags, positiveInteger } from './run-flags';

/** The shell's convention for a process stopped by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

interface RunArgs extends EmbeddingArguments {
  data: string;
  'skip-invalid-rows': boolean;
  'track-map'?: string;
  provider: string;
  model?: string;
  'base-url'?: string;
  'api-key'?: string;
  api?: string;
  predictions?: string;
  profile: string;
  out?: string;
  tag?: string[];
  tasks?: string[];
  tracks?: string[];
  limit?: number;
  concurrency: number;
  timeout: number;
  'max-attempts': number;
  cache: boolean;
  'cache-only': boolean;
  'cache-dir'?: string;
  'system-prompt'?: string;
  'system-preset'?: string;
  temperature: number;
  'max-tokens'?: string[];
  stop?: string[];
  seed?: number;
  force: boolean;
  'max-error-rate': number;
}

function builder(yargs: Argv): Argv<RunArgs> {
  return yargs
    .option('data', { type: 'string', demandOption: true, describe: 'ShopBench dataset: a .jsonl or JSON array file, or a folder of them' })
    .option('skip-invalid-rows', { type: 'boolean', default: false, describe: 'Score the valid rows; the invalid ones are listed in the results' })
    .option('track-map', { type: 'string', describe: 'JSON file mapping file paths or task names to tracks, for rows without track' })
    .option('provider', { type: 'string', choices: PROVIDER_NAMES, demandOption: true, describe: 'Who answers the rows' })
    .option('model', { type: 'string', describe: 'Served model name (builtin: lexical | random)' })
    .option('base-url', { type: 'string', describe: 'Server URL (default: OPENAI_BASE_URL, or OLLAMA_HOST for ollama)' })
    .option('api-key', { type: 'string', describe: 'API key (default: OPENAI_API_KEY); never written anywhere' })
    .option('api', { type: 'string', describe: 'chat (default) | completions (openai-compatible) | generate (ollama)' })
    .option('predictions', { type: 'string', describe: 'replay: JSON Lines of {"id": ..., "output": "..."}' })
    .option('profile', { type: 'string', choices: PROFILE_NAMES, default: DEFAULT_PROFILE, describe: 'Scoring profile' })
    .option('out', { type: 'string', describe: 'Run directory (default runs/<model>-<time>); an existing one is resumed' })
    .option('tag', { type: 'string', array: true, describe: 'key=value recorded in the manifest (repeatable)' })
    .option('tasks', { type: 'string', array: true, describe: 'Only these task names' })
    .option('tracks', { type: 'string', array: true, describe: 'Only these tracks' })
    .option('limit', { type: 'number', describe: 'At most N rows per task' })
    .option('concurrency', { type: 'number', default: DEFAULT_CONCURRENCY, describe: 'Requests in flight' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Per-request timeout, ms' })
    .option('max-attempts', { type: 'number', default: DEFAULT_MAX_ATTEMPTS, describe: 'Calls per item, retries included' })
    .option('cache', { type: 'boolean', default: true, describe: 'Use the response cache (--no-cache: off)' })
    .option('cache-only', { type: 'boolean', default: false, describe: 'Answer from the cache only; a miss fails the run' })
    .option('cache-dir', { type: 'string', describe: 'Cache directory (default $XDG_CACHE_HOME/shopeval or ~/.cache/shopeval)' })
    .option('system-prompt', { type: 'string', describe: 'System prompt text' })
    .option('system-preset', { type: 'string', choices: Object.keys(SYSTEM_PROMPT_PRESETS), describe: 'Named system prompt' })
    .option('temperature', { type: 'number', default: 0 })
    .option('max-tokens', { type: 'string', array: true, describe: 'N for all task types, or task_type=N (repeatable)' })
    .option('stop', { type: 'string', array: true, describe: 'Stop sequence (repeatable)' })
    .option('seed', { type: 'number', describe: 'Sampling seed sent to the server (builtin random: its seed)' })
    .option('force', { type: 'boolean', default: false, describe: 'Start over in a run directory holding a different run' })
    .option('max-error-rate', { type: 'number', default: 0, describe: 'Exit 1 when the share of API errors exceeds this' })
    .options(EMBEDDING_CLI_OPTIONS) as unknown as Argv<RunArgs>;
}

/** Resolves every flag into runEvaluation options; a bad value is a ConfigError naming the flag, before anything runs. */
function evaluationOptions(args: RunArgs, out: string, signal: AbortSignal): RunEvaluationOptions {
  const provider = args.provider as ProviderName;
  const model = args.model ?? (provider === 'builtin' ? 'lexical' : provider === 'replay' ? 'replay' : undefined);
  const tasks = listFlag(args.tasks);
  const tracks = listFlag(args.tracks);
  const seed = args.seed === undefined ? undefined : integer('seed', args.seed);
  return {
    data: args.data,
    datasetOptions: { skipInvalidRows: args['skip-invalid-rows'], ...(args['track-map'] === undefined ? {} : { trackMap: args['track-map'] }) },
    filter: { ...(tasks === undefined ? {} : { tasks }), ...(tracks === undefined ? {} : { tracks }), ...(args.limit === undefined ? {} : { limit: positiveInteger('limit', args.limit) }) },
    provider: {
      provider,
      ...(model === undefined ? {} : { model }),
      ...(args['base-url'] === undefined ? {} : { baseURL: args['base-url'] }),
      ...(args['api-key'] === undefined ? {} : { apiKey: args['api-key'] }),
      ...(args.api === undefined ? {} : { api: args.api }),
      ...(args.predictions === undefined ? {} : { predictions: args.predictions }),
      ...(seed === undefined ? {} : { seed }),
    },
    profile: args.profile as ProfileName,
    out,
    prompt: {
      ...resolveSystemPrompt(args['system-prompt'], args['system-preset']),
      temperature: nonNegativeNumber('temperature', args.temperature),
      maxTokens: resolveMaxTokens(args['max-tokens'] ?? []),
      ...(args.stop === undefined ? {} : { stop: args.stop }),
      ...(seed === undefined ? {} : { seed }),
    },
    tags: parseTags(args.tag),
    concurrency: positiveInteger('concurrency', args.concurrency),
    timeoutMs: positiveInteger('timeout', args.timeout),
    retry: { maxAttempts: positiveInteger('max-attempts', args['max-attempts']) },
    ...(args.cache ? { cache: { directory: args['cache-dir'] ?? defaultCacheDirectory(), cacheOnly: args['cache-only'] } } : {}),
    force: args.force,
    progress: createProgressReporter(),
    resolveEmbedders: (dataset) => resolveDatasetEmbedders(dataset, args),
    notify: (message) => process.stderr.write(`${message}\n`),
    signal,
  };
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

async function handler(args: RunArgs): Promise<void> {
  if (args['cache-only'] && !args.cache) throw new ConfigError('--cache-only and --no-cache contradict each other');
  const maxErrorRate = fraction('max-error-rate', args['max-error-rate']);
  const out = args.out ?? defaultRunDirectory(args.model ?? (args.provider === 'builtin' ? 'lexical' : args.provider));
  const interrupt = interruptOnSignals();
  let outcome: RunOutcome;
  try {
    const options = evaluationOptions(args, out, interrupt.signal);
    process.stderr.write(`run directory: ${out}\n`);
    outcome = await runEvaluation(options);
  } catch (error) {
    if (!(error instanceof RunInterruptedError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT_INTERRUPTED;
    return;
  } finally {
    interrupt.release();
  }
  process.stdout.write(renderSummaryTable(outcome.summary) + '\n');
  const total = outcome.itemCount;
  if (outcome.cache !== undefined) process.stderr.write(`cache: ${outcome.cache.hits} hits, ${outcome.cache.misses} misses\n`);
  process.stderr.write(`requested ${outcome.requested} of ${total} items; ${outcome.apiErrors} API errors\n`);
  process.stderr.write(`run written to ${outcome.directory} (manifest.json, responses.jsonl, items.jsonl, summary.json)\n`);
  const errorRate = total === 0 ? 0 : outcome.apiErrors / total;
  if (errorRate > maxErrorRate) {
    process.stderr.write(`API error rate ${(errorRate * 100).toFixed(2)}% exceeds --max-error-rate ${maxErrorRate}; run again with --out ${outcome.directory} to retry them\n`);
    process.exitCode = EXIT_FAILED_CHECK;
  }
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'Answer every dataset row through a model (server, replay file or builtin baseline) and score the answers',
  builder,
  handler,
};
