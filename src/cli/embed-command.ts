import { resolveEmbedders } from '../embeddings/resolve-embedders';
import type { SemanticMetric } from '../scoring/types';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes';
import { EMBED_FLAGS } from './flags/embedding-flags';
import { readFlags } from './flags/read-flags';

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

/**
 * Prints the embedding of each sentence as one JSON line ({text, dimension, norm, embedding}), so that a user can
 * compare it with `SentenceTransformer(model).encode([text])[0]`. Returns the exit code.
 */
export async function runEmbed(args: EmbedArguments, output: EmbedOutput): Promise<number> {
  const { embedders, unavailable } = await resolveEmbedders(toEmbeddingOptions(args, [args.metric]));
  const embedder = embedders[args.metric];
  if (embedder === undefined) {
    output.report(`${args.metric}: ${unavailable[args.metric] ?? 'no embedder'}`);
    return EXIT_BAD_INPUT;
  }
  output.report(`${args.metric}: ${embedder.description}`);
  const vectors = await embedder.embed(args.sentences);
  args.sentences.forEach((text, index) => {
    const embedding = vectors[index] ?? [];
    const norm = Math.sqrt(embedding.reduce((sum, value) => sum + value * value, 0));
    output.write(JSON.stringify({ text, dimension: embedding.length, norm, embedding }));
  });
  return EXIT_OK;
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
