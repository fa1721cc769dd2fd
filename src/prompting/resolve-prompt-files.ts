import type { ShopBenchRow } from '../dataset/row';
import { ConfigError } from '../errors';
import type { NoteReporter } from '../util/note-event';
import type { FewShotSettings, PromptSettings } from '../pipeline/prompt-settings';
import { loadFewShotPool, shortTasks } from './few-shot-pool';
import { readPromptTemplate } from './parse-prompt-template';
import { promptPreset } from './prompt-presets';
import type { PromptTemplate } from './prompt-template';
import { DEFAULT_REPEAT_SEED } from './repeat-seed';
import { DEFAULT_FEW_SHOT_SEED } from './sample-few-shot';

/** `--few-shot K --few-shot-source FILE [--few-shot-seed N] [--few-shot-as-turns]`, for library callers too. */
export interface FewShotOptions {
  readonly k: number;
  readonly source: string;
  /** @default DEFAULT_FEW_SHOT_SEED */
  readonly seed?: number;
  /** @default false */
  readonly asTurns?: boolean;
}

/** The prompting options that name files or presets (resolved by resolvePromptFiles). */
export interface PromptFileOptions {
  /** A template file (`--prompt-template`). */
  readonly templateFile?: string;
  /** A named template (`--prompt-preset`). */
  readonly templatePreset?: string;
  readonly fewShot?: FewShotOptions;
  /** Ask each row this many times. @default 1 */
  readonly repeats?: number;
}

/** The template, checked against the system prompt options: one source of the system message. */
export function resolveTemplate(options: PromptFileOptions, system: string | undefined): PromptTemplate | undefined {
  if (options.templateFile !== undefined && options.templatePreset !== undefined)
    throw new ConfigError('give either --prompt-template or --prompt-preset, not both');
  const template =
    options.templateFile !== undefined
      ? readPromptTemplate(options.templateFile)
      : options.templatePreset !== undefined
        ? promptPreset(options.templatePreset)
        : undefined;
  if (template !== undefined && system !== undefined && template.messages[0]?.role === 'system') {
    throw new ConfigError(
      `the prompt template ${template.source} has its own system message, and --system-prompt/--system-preset gives another`,
      { hint: 'Drop one of them.' },
    );
  }
  return template;
}

/** Repeats as settings: absent for 1; from 2 on, a seed is always set (the default one if none was given). */
export function resolveRepeats(repeats: number | undefined, seed: number | undefined): Pick<PromptSettings, 'repeats' | 'seed'> {
  if (repeats === undefined || repeats === 1) return seed === undefined ? {} : { seed };
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new ConfigError(`--repeats must be a positive integer, got ${JSON.stringify(repeats)}`);
  return { repeats, seed: seed ?? DEFAULT_REPEAT_SEED };
}

/** Loads the few-shot source and says which of the run's tasks have fewer than K examples (they use what there is). */
export async function resolveFewShot(
  options: FewShotOptions,
  rows: () => AsyncIterable<Pick<ShopBenchRow, 'id' | 'input' | 'taskName'>>,
  reporter: NoteReporter | undefined,
): Promise<FewShotSettings> {
  if (!Number.isInteger(options.k) || options.k < 1)
    throw new ConfigError(`--few-shot must be a positive integer, got ${JSON.stringify(options.k)}`);
  const pool = await loadFewShotPool(options.source);
  const short = await shortTasks(pool, rows(), options.k);
  if (short.length > 0) {
    const listed = short.map((task) => `${task.task} (${task.available})`).join(', ');
    reporter?.({
      type: 'warning',
      message: `--few-shot ${options.k}: in ${short.length} task(s) some rows get fewer examples from ${options.source} (the row itself is never one) and use what there is; task (fewest examples): ${listed}`,
    });
  }
  return { k: options.k, seed: options.seed ?? DEFAULT_FEW_SHOT_SEED, asTurns: options.asTurns ?? false, pool };
}
