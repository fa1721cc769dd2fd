/** Runs `embedBatch` on consecutive slices of at most `batchSize` texts, in order, and concatenates the vectors. */
export async function embedInBatches(
  texts: readonly string[],
  batchSize: number,
  embedBatch: (batch: readonly string[]) => Promise<readonly (readonly number[])[]>,
): Promise<(readonly number[])[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  const vectors: (readonly number[])[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const batchVectors = await embedBatch(batch);
    if (batchVectors.length !== batch.length) {
      throw new Error(`the backend returned ${batchVectors.length} embeddings for ${batch.length} texts`);
    }
    vectors.push(...batchVectors);
  }
  return vectors;
}
