type Transformers = typeof import('@huggingface/transformers', { with: { 'resolution-mode': 'import' } });

/** The optional package that runs local ONNX encoders; shopeval works without it (endpoint embedders, other metrics). */
export const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/** Thrown when a local embedder is asked for and the optional package is not installed. */
export class MissingOptionalPackageError extends Error {
  constructor(
    readonly packageName: string,
    cause: unknown,
  ) {
    super(
      `local embeddings need the optional package ${packageName}, which is not installed: run \`npm install ${packageName}\` in your project, or use an embedding endpoint (--embedding-backend openai|ollama)`,
      { cause },
    );
    this.name = 'MissingOptionalPackageError';
  }
}

/**
 * transformers.js with onnxruntime-node and sharp, required only when a local embedder is created: loading them
 * costs ~0.5 s and ~100 MiB, and the package is optional. Its CommonJS build; TypeScript sees only its ESM typings.
 */
export function loadTransformers(): Transformers {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(TRANSFORMERS_PACKAGE) as Transformers;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(TRANSFORMERS_PACKAGE)) {
      throw new MissingOptionalPackageError(TRANSFORMERS_PACKAGE, error);
    }
    throw error;
  }
}
