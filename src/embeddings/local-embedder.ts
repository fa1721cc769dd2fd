import type { PreTrainedModel, PreTrainedTokenizer, Tensor as TensorType } from '@huggingface/transformers' with {
  'resolution-mode': 'import',
};
import type { Embedder } from '../scoring/types';
import { loadTransformers } from './load-transformers';
import { l2Normalize, meanPool } from './mean-pooling';

export const DEFAULT_EMBEDDING_BATCH_SIZE = 32;

export interface LocalEmbedderOptions {
  /** A local model directory (config.json, tokenizer.json, onnx/model.onnx) or a model-hub id. */
  readonly model: string;
  /** Apply sentence-transformers' Normalize module after mean pooling. */
  readonly normalize: boolean;
  /** Truncate every text to this many tokens, special tokens included (sentence-transformers' max_seq_length). */
  readonly maxSeqLength: number;
  /** Texts per forward pass. @default 32 */
  readonly batchSize?: number;
  /** Never fetch from the model hub (a directory, or a hub id already in the cache). */
  readonly localFilesOnly: boolean;
  /** Where transformers.js keeps downloaded hub files; its own default when omitted. */
  readonly modelCacheDir?: string;
  /** Recorded in manifests; defaults to `local:<model>`. */
  readonly description?: string;
}

export interface LocalEmbedder extends Embedder {
  /** Releases the ONNX Runtime session. */
  dispose(): Promise<void>;
}

/** The special tokens the tokenizer's post-processor puts around one sequence (BERT: [CLS] / [SEP]; XLM-R: <s> / </s>). */
interface SequenceTemplate {
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
}

function sequenceTemplate(tokenizer: PreTrainedTokenizer): SequenceTemplate {
  const probe = 'a';
  const withSpecials = tokenizer.encode(probe);
  const content = tokenizer.encode(probe, { add_special_tokens: false });
  for (let start = 0; start + content.length <= withSpecials.length; start += 1) {
    if (content.every((id, offset) => withSpecials[start + offset] === id)) {
      return { prefix: withSpecials.slice(0, start), suffix: withSpecials.slice(start + content.length) };
    }
  }
  throw new Error('cannot locate the special-token template of this tokenizer');
}

/** Token ids as sentence-transformers makes them: the text's tokens cut to fit, then the special tokens. */
function encodeTruncated(tokenizer: PreTrainedTokenizer, template: SequenceTemplate, text: string, maxSeqLength: number): number[] {
  // transformers.js's own truncation cuts after adding special tokens (dropping [SEP]); Python tokenizers cut the content
  const room = Math.max(0, maxSeqLength - template.prefix.length - template.suffix.length);
  const content = tokenizer.encode(text, { add_special_tokens: false }).slice(0, room);
  return [...template.prefix, ...content, ...template.suffix];
}

function int64Tensor(Tensor: typeof TensorType, rows: readonly (readonly number[])[], width: number, fill: number): TensorType {
  const data = new BigInt64Array(rows.length * width).fill(BigInt(fill));
  rows.forEach((row, index) => row.forEach((value, position) => (data[index * width + position] = BigInt(value))));
  return new Tensor('int64', data, [rows.length, width]);
}

async function embedBatch(
  Tensor: typeof TensorType,
  model: PreTrainedModel,
  idsBatch: readonly (readonly number[])[],
  padTokenId: number,
  normalize: boolean,
): Promise<number[][]> {
  const width = Math.max(...idsBatch.map((ids) => ids.length));
  const mask = idsBatch.map((ids) => Array.from({ length: width }, (_, position) => (position < ids.length ? 1 : 0)));
  const output: unknown = await model.forward({
    input_ids: int64Tensor(Tensor, idsBatch, width, padTokenId),
    attention_mask: int64Tensor(Tensor, mask, width, 0),
    // one segment; transformers.js passes this only to models whose graph takes it
    token_type_ids: int64Tensor(
      Tensor,
      idsBatch.map(() => []),
      width,
      0,
    ),
  });
  const hidden = (output as { last_hidden_state?: unknown }).last_hidden_state;
  if (!(hidden instanceof Tensor) || hidden.dims.length !== 3) {
    throw new Error('the encoder returned no 3-dimensional last_hidden_state');
  }
  const [batch = 0, sequence = 0, size = 0] = hidden.dims;
  const pooled = meanPool({ data: hidden.data as Float32Array, batch, sequence, hidden: size }, mask);
  return normalize ? pooled.map(l2Normalize) : pooled;
}

/** Loads an ONNX sentence encoder with transformers.js and embeds as sentence-transformers does (mean pooling, optional Normalize). */
export async function createLocalEmbedder(options: LocalEmbedderOptions): Promise<LocalEmbedder> {
  const batchSize = options.batchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  const { AutoModel, AutoTokenizer, Tensor } = loadTransformers();
  const loadOptions = {
    local_files_only: options.localFilesOnly,
    ...(options.modelCacheDir === undefined ? {} : { cache_dir: options.modelCacheDir }),
  };
  const tokenizer = await AutoTokenizer.from_pretrained(options.model, loadOptions);
  // fp32 = onnx/model.onnx, the unquantised export: quantised variants would change the scores
  const model = await AutoModel.from_pretrained(options.model, { ...loadOptions, dtype: 'fp32', device: 'cpu' });
  const template = sequenceTemplate(tokenizer);
  const padTokenId = tokenizer.pad_token_id ?? 0;

  return {
    description: options.description ?? `local:${options.model}`,
    async embed(texts) {
      const ids = texts.map((text) => encodeTruncated(tokenizer, template, text, options.maxSeqLength));
      // longest first, as sentence-transformers batches, so that a batch holds similar lengths and little padding
      const order = ids.map((_, index) => index).sort((left, right) => (ids[right]?.length ?? 0) - (ids[left]?.length ?? 0));
      const vectors: number[][] = new Array<number[]>(texts.length);
      for (let start = 0; start < order.length; start += batchSize) {
        const indices = order.slice(start, start + batchSize);
        const batch = await embedBatch(
          Tensor,
          model,
          indices.map((index) => ids[index] ?? []),
          padTokenId,
          options.normalize,
        );
        indices.forEach((index, position) => (vectors[index] = batch[position] ?? []));
      }
      return vectors;
    },
    async dispose() {
      await model.dispose();
    },
  };
}
