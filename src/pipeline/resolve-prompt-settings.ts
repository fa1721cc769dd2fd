import type { ShopBenchRow } from '../dataset/row';
import { resolveFewShot, type FewShotOptions } from '../prompting/resolve-prompt-files';
import type { NoteReporter } from '../util/note-event';
import type { PromptSettings } from './prompt-settings';
import { resolvePromptOptions, type RunPromptOptions } from './run-options';

type FewShotRows = () => AsyncIterable<Pick<ShopBenchRow, 'id' | 'input' | 'taskName'>>;

/** The settings with the few-shot pool loaded from its source (and its short tasks named); unchanged without --few-shot. */
export async function withFewShotPool(
  settings: PromptSettings,
  fewShot: FewShotOptions | undefined,
  rows: FewShotRows,
  reporter: NoteReporter | undefined,
): Promise<PromptSettings> {
  return fewShot === undefined ? settings : { ...settings, fewShot: await resolveFewShot(fewShot, rows, reporter) };
}

/**
 * The prompt settings of a caller's options over the rows to be asked: the one resolution behind `run` and `batch
 * export`, so an exported request is byte for byte the one a live run sends.
 */
export function resolvePromptSettings(
  prompt: RunPromptOptions | undefined,
  rows: FewShotRows,
  reporter: NoteReporter | undefined,
): Promise<PromptSettings> {
  return withFewShotPool(resolvePromptOptions(prompt), prompt?.fewShot, rows, reporter);
}
