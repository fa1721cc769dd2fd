import type { Argv, CommandModule, Options } from 'yargs';
import { ConfigError } from '../errors';
import { PROVIDER_NAMES, type ProviderName } from '../providers/create-provider';
import { DEFAULT_CONCURRENCY } from '../providers/middleware/concurrency-limit-middleware';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';
import { DEFAULT_DEAD_ENDPOINT_MS } from '../providers/middleware/endpoint-watch-middleware';
import { DEFAULT_MAX_ATTEMPTS } from '../providers/middleware/retry-middleware';
import { DEFAULT_TIMEOUT_MS } from '../providers/middleware/timeout-middleware';
import { createProgressReporter } from '../pipeline/progress-reporter';
import { SYSTEM_PROMPT_PRESETS, resolveMaxTokens, resolveSystemPrompt } from '../pipeline/prompt-settings';
import { runEvaluation, type RunEvaluationOptions, type RunOutcome } from '../pipeline/run-evaluation';
import { EndpointUnreachableError } from '../pipeline/endpoint-unreachable-error';
import { RunInterruptedError } from '../pipeline/run-interrupted-error';
import { renderSummaryTable } from '../reports/summary-table';
import { DEFAULT_PROFILE } from '../scoring/profiles';
import { PROFILE_NAMES, type ProfileName } from '../scoring/types';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { EMBEDDING_CLI_OPTIONS, type EmbeddingArguments } from './embedding-options';
import { EXIT_FAILED_CHECK, EXIT_RUNTIME } from './exit-codes';
import { defaultRunDirectory, fraction, integer, listFlag, nonNegativeNumber, parseTags, positiveInteger, positiveNumber } from './run-flags';
import { resumeCommandLine } from './resume-command-line';

/** The shell's convention for a process stopped by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

interface RunArgs extends EmbeddingArguments {
  data: string;
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
  'dead-endpoint-after': number;
  cache: boolean;
  'checkpoint-id'?: string;
  'identity-probe': boolean;
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

/** The flags of `shopeval run` (the embedding flags are shared: EMBEDDING_CLI_OPTIONS); the resume command is built from this table. */
const RUN_CLI_OPTIONS = {
  data: { type: 'string', demandOption: true, describe: 'ShopBench dataset (.jsonl or JSON array)' },
  provider: { type: 'string', choices: PROVIDER_NAMES, demandOption: true, describe: 'Who answers the rows' },
  model: { type: 'string', describe: 'Served model name (builtin: lexical | random)' },
  'base-url': { type: 'string', describe: 'Server URL (default: OPENAI_BASE_URL, or OLLAMA_HOST for ollama)' },
  'api-key': { type: 'string', describe: 'API key (default: OPENAI_API_KEY); never written anywhere' },
  api: { type: 'string', describe: 'chat (default) | completions (openai-compatible) | generate (ollama)' },
  predictions: { type: 'string', describe: 'replay: JSON Lines of {"id": ..., "output": "..."}' },
  profile: { type: 'string', choices: PROFILE_NAMES, default: DEFAULT_PROFILE, describe: 'Scoring profile' },
  out: { type: 'string', describe: 'Run directory (default runs/<model>-<time>); an existing one is resumed' },
  tag: { type: 'string', array: true, describe: 'key=value recorded in the manifest (repeatable)' },
  tasks: { type: 'string', array: true, describe: 'Only these task names' },
  tracks: { type: 'string', array: true, describe: 'Only these tracks' },
  limit: { type: 'number', describe: 'At most N rows per task' },
  concurrency: { type: 'number', default: DEFAULT_CONCURRENCY, describe: 'Requests in flight' },
  timeout: { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Per-request timeout, ms' },
  'max-attempts': { type: 'number', default: DEFAULT_MAX_ATTEMPTS, describe: 'Calls per item, retries included' },
  'dead-endpoint-after': { type: 'number', default: DEFAULT_DEAD_ENDPOINT_MS / 1000, describe: 'Stop (exit 3, resumable) when every attempt has failed to connect for this many seconds' },
  cache: { type: 'boolean', default: true, describe: 'Use the response cache (--no-cache: off)' },
  'cache-only': { type: 'boolean', default: false, describe: 'Answer from the cache only; a miss fails the run' },
  'cache-dir': { type: 'string', describe: 'Cache directory (default $XDG_CACHE_HOME/shopeval or ~/.cache/shopeval)' },
  'checkpoint-id': { type: 'string', describe: 'Pin the checkpoint identity (a git sha, an adapter hash): keys the cache, recorded in the manifest' },
  'identity-probe': { type: 'boolean', default: true, describe: 'Recognise a checkpoint without a digest by its greedy answers to 4 items (--no-identity-probe: off)' },
  'system-prompt': { type: 'string', describe: 'System prompt text' },
  'system-preset': { type: 'string', choices: Object.keys(SYSTEM_PROMPT_PRESETS), describe: 'Named system prompt' },
  temperature: { type: 'number', default: 0 },
  'max-tokens': { type: 'string', array: true, describe: 'N for all task types, or task_type=N (repeatable)' },
  stop: { type: 'string', array: true, describe: 'Stop sequence (repeatable)' },
  seed: { type: 'number', describe: 'Sampling seed sent to the server (builtin random: its seed)' },
  force: { type: 'boolean', default: false, describe: 'Start over in a run directory holding a different run' },
  'max-error-rate': { type: 'number', default: 0, describe: 'Exit 1 when the share of API errors exceeds this' },
} as const satisfies Record<string, Options>;

function builder(yargs: Argv): Argv<RunArgs> {
  return yargs.options(RUN_CLI_OPTIONS).options(EMBEDDING_CLI_OPTIONS) as unknown as Argv<RunArgs>;
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
    deadEndpointMs: positiveNumber('dead-endpoint-after', args['dead-endpoint-after']) * 1000,
    identityProbe: args['identity-probe'],
    ...(args['checkpoint-id'] === undefined || args['checkpoint-id'].trim() === '' ? {} : { checkpointId: args['checkpoint-id'].trim() }),
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
    if (!(error instanceof RunInterruptedError) && !(error instanceof EndpointUnreachableError)) throw error;
    // both stops keep every answer: say so, and give the one command that carries on
    const command = await resumeCommandLine(args as unknown as Record<string, unknown>, { ...RUN_CLI_OPTIONS, ...EMBEDDING_CLI_OPTIONS }, out);
    process.stderr.write(`${error instanceof RunInterruptedError ? '' : 'shopeval: '}${error.message}\n  resume with: ${command}\n`);
    process.exitCode = error instanceof RunInterruptedError ? EXIT_INTERRUPTED : EXIT_RUNTIME;
    return;
  } finally {
    interrupt.release();
  }
  process.stdout.write(renderSummaryTable(outcome.summary) + '\n');
  const total = outcome.items.length;
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
