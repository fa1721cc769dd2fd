import { run, type RunOptions } from '../app/run';
import { ConfigError } from '../errors';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';
import { EndpointUnreachableError } from '../pipeline/endpoint-unreachable-error';
import { RunInterruptedError } from '../pipeline/run-interrupted-error';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import { EXIT_FAILED_CHECK, EXIT_INTERRUPTED, EXIT_RUNTIME } from './exit-codes';
import { EMBEDDING_FLAGS } from './flags/embedding-flags';
import { resumeCommandLine } from './resume-command-line';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { RUN_FLAGS } from './flags/run-flags';
import { runPromptOptionsOf } from './prompt-flag-values';
import { providerOptionsOf } from './provider-flag-values';
import { parseTags, rowSelectionOf } from './run-flag-values';
import { createTerminalReporter } from './terminal-reporter';
import { defined } from '../util/defined';

type RunFlags = FlagValues<typeof RUN_FLAGS>;

/** Maps every flag to the app's run options; a bad value is a ConfigError naming the flag, before anything runs. */
function runOptions(args: RunFlags, embedding: EmbeddingArguments, signal: AbortSignal): RunOptions {
  const seed = args.seed;
  return {
    data: args.data,
    ...rowSelectionOf(args),
    provider: providerOptionsOf(args, seed),
    profile: args.profile,
    ...defined({ out: args.out }),
    prompt: runPromptOptionsOf(args),
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
    embedding: toEmbeddingOptions(embedding),
    signal,
    ...defined({ batchSize: args['batch-size'] }),
    budget: { ...defined({ name: args['time-budget'] }), scale: args['budget-scale'] },
    maxErrorRate: args['max-error-rate'],
    budgetTestItems: args['budget-test-items'],
    failOnBudget: args['fail-on-budget'],
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

async function handler(args: RunFlags, embedding: EmbeddingArguments): Promise<void> {
  if (args['cache-only'] && !args.cache)
    throw new ConfigError('--cache-only and --no-cache contradict each other', { hint: 'Drop one of them.' });
  const interrupt = interruptOnSignals();
  // both stops keep every answer: the reporter says so (run-stop), with the one command that carries on
  const reporter = createTerminalReporter({
    resumeCommand: (directory) => resumeCommandLine(args, { ...RUN_FLAGS, ...EMBEDDING_FLAGS }, embedding, directory),
  });
  try {
    const options = runOptions(args, embedding, interrupt.signal);
    const { failed } = await run(options, reporter);
    if (failed) process.exitCode = EXIT_FAILED_CHECK;
  } catch (error) {
    if (!(error instanceof RunInterruptedError) && !(error instanceof EndpointUnreachableError)) throw error;
    process.exitCode = error instanceof RunInterruptedError ? EXIT_INTERRUPTED : EXIT_RUNTIME;
  } finally {
    interrupt.release();
  }
}

/** `shopeval run`, after yargs has parsed the command line (loaded only when the command runs). */
export function handleRun(args: Readonly<Record<string, unknown>>): Promise<void> {
  return handler(readFlags(RUN_FLAGS, args), readEmbeddingFlags(args));
}
