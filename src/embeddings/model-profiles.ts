import type { SemanticMetric } from '../scoring/types';

/** What sentence-transformers does for one official model, so any backend can be checked against it. */
export interface SemanticModelProfile {
  readonly metric: SemanticMetric;
  /** The model the official scorer loads (`SentenceTransformer(name)`), as a model-hub id. */
  readonly hubId: string;
  /** Other hub ids that hold an ONNX export of the same weights (looked for under a model root directory). */
  readonly alternateHubIds: readonly string[];
  /** modules.json: Transformer -> Pooling(mean) [-> Normalize]. */
  readonly normalize: boolean;
  /** sentence_bert_config.json `max_seq_length`: sentence-transformers truncates to this many tokens, specials included. */
  readonly maxSeqLength: number;
  /** config.json shape, to refuse a different model placed where this one is expected. */
  readonly architecture: { readonly numHiddenLayers: number; readonly hiddenSize: number; readonly vocabSize: number };
  /** The name an Ollama server publishes this model under, if any. */
  readonly ollamaModel: string | undefined;
  /** The name an OpenAI-compatible embedding server (TEI, vLLM, infinity, ...) usually serves it under. */
  readonly openaiModel: string;
}

export const SEMANTIC_MODEL_PROFILES = {
  'sent-transformer': {
    metric: 'sent-transformer',
    hubId: 'sentence-transformers/all-MiniLM-L6-v2',
    alternateHubIds: ['Xenova/all-MiniLM-L6-v2'],
    normalize: true,
    maxSeqLength: 256,
    architecture: { numHiddenLayers: 6, hiddenSize: 384, vocabSize: 30522 },
    ollamaModel: 'all-minilm:l6-v2',
    openaiModel: 'sentence-transformers/all-MiniLM-L6-v2',
  },
  'multilingual-sent-transformer': {
    metric: 'multilingual-sent-transformer',
    hubId: 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2',
    alternateHubIds: ['Xenova/paraphrase-multilingual-MiniLM-L12-v2'],
    normalize: false,
    maxSeqLength: 128,
    architecture: { numHiddenLayers: 12, hiddenSize: 384, vocabSize: 250037 },
    ollamaModel: undefined,
    openaiModel: 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2',
  },
} as const satisfies Record<SemanticMetric, SemanticModelProfile>;

/**
 * The metrics whose unit needs embeddings: the profiles' keys (the table above `satisfies` one entry per such metric),
 * so the command line lists them without loading the metric registry and its scorers.
 */
export const SEMANTIC_METRICS: readonly SemanticMetric[] = Object.values(SEMANTIC_MODEL_PROFILES).map((profile) => profile.metric);
