import type { AppReporter } from '../app/app-event';
import { embed } from '../app/embed';
import type { SemanticMetric } from '../scoring/types';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes';
import { EMBED_FLAGS } from './flags/embedding-flags';
import { readFlags } from './flags/read-flags';
import { createTerminalReporter } from './terminal-reporter';

export interface EmbedArguments extends EmbeddingArguments {
  readonly metric: SemanticMetric;
  readonly sentences: readonly string[];
}

/**
 * `shopeval embed` through a reporter (the terminal's: one JSON line per sentence on stdout, which backend and model
 * answered, or why none could, on stderr). Returns the exit code.
 */
export async function runEmbed(args: EmbedArguments, reporter: AppReporter): Promise<number> {
  const { embedded } = await embed({ metric: args.metric, sentences: args.sentences, embedding: toEmbeddingOptions(args) }, reporter);
  return embedded ? EXIT_OK : EXIT_BAD_INPUT;
}

/** The checked flags and sentences of `shopeval embed` from yargs' parsed arguments. */
export function readEmbedArguments(args: Readonly<Record<string, unknown>>): EmbedArguments {
  const sentences = Array.isArray(args['sentences']) ? args['sentences'].map(String) : [];
  return { ...readEmbeddingFlags(args), ...readFlags(EMBED_FLAGS, args), sentences };
}

/** `shopeval embed <sentences..>`, after yargs has parsed the command line. */
export async function handleEmbed(args: Readonly<Record<string, unknown>>): Promise<void> {
  process.exitCode = await runEmbed(readEmbedArguments(args), createTerminalReporter());
}
