import { embed } from '../app/embed';
import type { SemanticMetric } from '../scoring/types';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes';
import { EMBED_FLAGS } from './flags/embedding-flags';
import { readFlags } from './flags/read-flags';
import { embeddingLine } from './terminal-reporter';

export interface EmbedArguments extends EmbeddingArguments {
  readonly metric: SemanticMetric;
  readonly sentences: readonly string[];
}

export interface EmbedOutput {
  /** Standard output: one JSON object per sentence. */
  readonly write: (line: string) => void;
  /** Standard error: which backend and model answered, or why none could. */
  readonly report: (line: string) => void;
}

/** `shopeval embed` on its two streams: one JSON line per sentence ({text, dimension, norm, embedding}). Returns the exit code. */
export async function runEmbed(args: EmbedArguments, output: EmbedOutput): Promise<number> {
  const { embedded } = await embed({ metric: args.metric, sentences: args.sentences, embedding: toEmbeddingOptions(args) }, (event) => {
    if (event.type === 'notice') output.report(event.message);
    else if (event.type === 'embedding') output.write(embeddingLine(event));
  });
  return embedded ? EXIT_OK : EXIT_BAD_INPUT;
}

/** The checked flags and sentences of `shopeval embed` from yargs' parsed arguments. */
export function readEmbedArguments(args: Readonly<Record<string, unknown>>): EmbedArguments {
  const sentences = Array.isArray(args['sentences']) ? args['sentences'].map(String) : [];
  return { ...readEmbeddingFlags(args), ...readFlags(EMBED_FLAGS, args), sentences };
}

/** `shopeval embed <sentences..>`, after yargs has parsed the command line. */
export async function handleEmbed(args: Readonly<Record<string, unknown>>): Promise<void> {
  process.exitCode = await runEmbed(readEmbedArguments(args), {
    write: (line) => process.stdout.write(`${line}\n`),
    report: (line) => process.stderr.write(`${line}\n`),
  });
}
