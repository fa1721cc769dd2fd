import type { RequestItem } from '../provider';
import { PythonRandom } from './python-random';

/** The starter kit's AICROWD_RUN_SEED default for its DummyModel. */
export const STARTER_KIT_SEED = 3142;

/**
 * The starter kit's DummyModel answers, replayed with CPython's generator: one seeded stream over the rows in dataset
 * order; `random.choice([1, 2, 3, 4])` for multiple choice, else the shuffled list printed as Python does.
 * Precomputed so that concurrency and resume cannot change which row gets which draw.
 */
export function randomBaselineAnswers(items: readonly RequestItem[], seed: number = STARTER_KIT_SEED): Map<string, string> {
  const random = new PythonRandom(seed);
  const answers = new Map<string, string>();
  for (const item of items) {
    const possible = [1, 2, 3, 4];
    const multipleChoice = item.isMultipleChoice ?? item.taskType === 'multiple-choice';
    if (multipleChoice) {
      answers.set(item.id, String(random.choice(possible)));
    } else {
      random.shuffle(possible);
      answers.set(item.id, `[${possible.join(', ')}]`); // Python's str(list)
    }
  }
  return answers;
}
