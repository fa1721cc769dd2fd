import { openDataset } from '../dataset/load-dataset';
import type { ShopBenchRow, Truth } from '../dataset/row';
import { ConfigError, DatasetError } from '../errors';

export interface FewShotExample {
  readonly id: string;
  readonly input: string;
  readonly truth: Truth;
}

/** The `--few-shot-source` rows by task_name, in file order, and the source's identity for the manifest. */
export interface FewShotPool {
  readonly path: string;
  /** SHA-256 of the source's normalised rows: a changed source cannot resume a run. */
  readonly sha256: string;
  readonly byTask: ReadonlyMap<string, readonly FewShotExample[]>;
}

/**
 * Reads a ShopBench-format file with the dataset reader (rows validated, errors naming file:line and field). It is
 * held in memory: a few-shot source is a small labelled set, unlike the dataset it prompts for.
 */
export async function loadFewShotPool(path: string): Promise<FewShotPool> {
  let source;
  try {
    source = await openDataset(path);
  } catch (error) {
    if (error instanceof DatasetError)
      throw new ConfigError(`--few-shot-source ${path}: ${error.message}`, {
        cause: error,
        hint: 'The few-shot source must be a valid ShopBench-format file.',
      });
    throw error;
  }
  const byTask = new Map<string, FewShotExample[]>();
  for await (const row of source.rowsInOrder()) {
    const examples = byTask.get(row.taskName) ?? [];
    examples.push({ id: row.id, input: row.input, truth: row.truth });
    byTask.set(row.taskName, examples);
  }
  return { path, sha256: source.sha256, byTask };
}

/**
 * The tasks where some row gets fewer than `k` examples (the pool is short, or the row itself is in it and is left
 * out), with the fewest any row gets; one streaming pass, O(1) per row.
 */
export async function shortTasks(
  pool: FewShotPool,
  rows: AsyncIterable<Pick<ShopBenchRow, 'id' | 'input' | 'taskName'>>,
  k: number,
): Promise<{ task: string; available: number }[]> {
  const lookups = new Map<string, { ids: Set<string>; inputs: Set<string> }>();
  const fewest = new Map<string, number>();
  for await (const row of rows) {
    const examples = pool.byTask.get(row.taskName) ?? [];
    let lookup = lookups.get(row.taskName);
    if (lookup === undefined)
      lookups.set(
        row.taskName,
        (lookup = { ids: new Set(examples.map((example) => example.id)), inputs: new Set(examples.map((example) => example.input)) }),
      );
    const itself = lookup.ids.has(row.id) || lookup.inputs.has(row.input) ? 1 : 0;
    const available = Math.max(0, examples.length - itself);
    if (available < k) fewest.set(row.taskName, Math.min(available, fewest.get(row.taskName) ?? available));
  }
  return [...fewest].map(([task, available]) => ({ task, available }));
}
