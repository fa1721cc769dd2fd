/** Token embeddings of one batch as the encoder returns them: row-major [batch, sequence, hidden]. */
export interface TokenEmbeddings {
  readonly data: ArrayLike<number>;
  readonly batch: number;
  readonly sequence: number;
  readonly hidden: number;
}

/** sentence-transformers Pooling(mean): sum of the unmasked token vectors / max(token count, 1e-9). */
export function meanPool(tokens: TokenEmbeddings, attentionMask: readonly (readonly number[])[]): number[][] {
  const pooled: number[][] = [];
  for (let row = 0; row < tokens.batch; row += 1) {
    const mask = attentionMask[row] ?? [];
    const sum = new Array<number>(tokens.hidden).fill(0);
    let count = 0;
    for (let position = 0; position < tokens.sequence; position += 1) {
      if ((mask[position] ?? 0) === 0) continue;
      count += 1;
      const offset = (row * tokens.sequence + position) * tokens.hidden;
      for (let dimension = 0; dimension < tokens.hidden; dimension += 1) {
        sum[dimension] = (sum[dimension] ?? 0) + (tokens.data[offset + dimension] ?? 0);
      }
    }
    // sentence-transformers clamps the token count at 1e-9 rather than dividing by zero
    const divisor = Math.max(count, 1e-9);
    pooled.push(sum.map((value) => value / divisor));
  }
  return pooled;
}

/** sentence-transformers Normalize: torch.nn.functional.normalize(p=2, eps=1e-12). */
export function l2Normalize(vector: readonly number[]): number[] {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const norm = Math.max(Math.sqrt(squares), 1e-12);
  return vector.map((value) => value / norm);
}
