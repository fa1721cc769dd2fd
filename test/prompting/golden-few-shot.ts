import { loadDataset } from '../../src/dataset/load-dataset';
import type { ShopBenchRow } from '../../src/dataset/row';
import { DEFAULT_MAX_TOKENS, type PromptSettings } from '../../src/pipeline/prompt-settings';
import { buildMessages } from '../../src/prompting/build-request';
import { requestForRow } from '../../src/pipeline/prompt-settings';
import { loadFewShotPool } from '../../src/prompting/few-shot-pool';
import { DEFAULT_FEW_SHOT_SEED } from '../../src/prompting/sample-few-shot';

export const DEV_SET = 'fixtures/datasets/shopbench-dev.jsonl';
/** The dev row of the golden prompts: the first multiple-choice row of task2. */
export const GOLDEN_TASK = 'task2';

/** The golden row and the requests built for it with --few-shot 3 --few-shot-source <the dev set>, as text and as turns. */
export async function goldenRequests(): Promise<{ row: ShopBenchRow; text: unknown; turns: unknown }> {
  const dataset = await loadDataset(DEV_SET);
  const row = dataset.rows.find((candidate) => candidate.taskName === GOLDEN_TASK);
  if (row === undefined) throw new Error(`no ${GOLDEN_TASK} row in ${DEV_SET}`);
  const pool = await loadFewShotPool(DEV_SET);
  const prompt = (asTurns: boolean): PromptSettings => ({
    temperature: 0,
    maxTokens: DEFAULT_MAX_TOKENS,
    fewShot: { k: 3, seed: DEFAULT_FEW_SHOT_SEED, asTurns, pool },
  });
  const shown = (asTurns: boolean): unknown => {
    const { providerOptions: _local, ...request } = requestForRow(row, prompt(asTurns));
    return { few_shot_ids: buildMessages(row, prompt(asTurns)).fewShotIds, request };
  };
  return { row, text: shown(false), turns: shown(true) };
}
