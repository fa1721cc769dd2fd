import { ConfigError } from '../errors';
import type { PromptSettings } from '../pipeline/prompt-settings';
import type { RunPromptOptions } from '../pipeline/run-options';
import type { PromptTemplate } from '../prompting/prompt-template';

/** A template as the export's sidecar records it: what run's manifest records, the text whole. */
export interface ExportedTemplate {
  /** The file it was read from, or `preset:NAME`. */
  readonly source: string;
  readonly kind: PromptTemplate['kind'];
  readonly text: string;
}

/** The few-shot settings as the sidecar records them: the source by path and content hash (the pool is not copied). */
export interface ExportedFewShot {
  readonly source: string;
  /** SHA-256 of the source's normalised rows, as run's manifest records it. */
  readonly sha256: string;
  readonly k: number;
  readonly seed: number;
  readonly asTurns: boolean;
}

/** The run's prompt settings as JSON: the template's text and the few-shot source's identity instead of parsed objects. */
export type ExportedPrompt = Omit<PromptSettings, 'template' | 'fewShot'> & {
  readonly template?: ExportedTemplate;
  readonly fewShot?: ExportedFewShot;
};

/** Where ingest reads the export's template and few-shot source now (undefined: where the export read them). */
export interface PromptFileLocations {
  readonly templateFile?: string;
  readonly fewShotSource?: string;
}

const PRESET_PREFIX = 'preset:';

export function exportedPrompt(settings: PromptSettings): ExportedPrompt {
  const { template, fewShot, ...rest } = settings;
  return {
    ...rest,
    ...(template === undefined ? {} : { template: { source: template.source, kind: template.kind, text: template.text } }),
    ...(fewShot === undefined
      ? {}
      : {
          fewShot: { source: fewShot.pool.path, sha256: fewShot.pool.sha256, k: fewShot.k, seed: fewShot.seed, asTurns: fewShot.asTurns },
        }),
  };
}

/** run's prompt options that resolve to the exported settings (files named where they are now). */
export function promptOptionsOf(exported: ExportedPrompt, where: PromptFileLocations, sidecar: string): RunPromptOptions {
  const { template, fewShot, ...rest } = exported;
  if (where.templateFile !== undefined && template?.source.startsWith(PRESET_PREFIX) !== false)
    throw new ConfigError(`--prompt-template ${where.templateFile}: the export (${sidecar}) used no template file`, {
      hint: 'Drop --prompt-template: ingest takes the prompt settings from the export.',
    });
  if (where.fewShotSource !== undefined && fewShot === undefined)
    throw new ConfigError(`--few-shot-source ${where.fewShotSource}: the export (${sidecar}) showed no few-shot examples`, {
      hint: 'Drop --few-shot-source: ingest takes the prompt settings from the export.',
    });
  const templateOption =
    template === undefined
      ? {}
      : template.source.startsWith(PRESET_PREFIX)
        ? { templatePreset: template.source.slice(PRESET_PREFIX.length) }
        : { templateFile: where.templateFile ?? template.source };
  return {
    ...rest,
    ...templateOption,
    ...(fewShot === undefined
      ? {}
      : { fewShot: { k: fewShot.k, source: where.fewShotSource ?? fewShot.source, seed: fewShot.seed, asTurns: fewShot.asTurns } }),
  };
}

/** Refuses a template or few-shot source that no longer holds what the export used, naming the sidecar's field. */
export function checkSameFiles(exported: ExportedPrompt, resolved: PromptSettings, sidecar: string): void {
  if (exported.template !== undefined && resolved.template?.text !== exported.template.text)
    throw new ConfigError(
      `${sidecar}: field prompt.template: ${resolved.template?.source ?? exported.template.source} is not the template the requests were exported with`,
      { hint: `Restore the template (its exported text is in prompt.template.text), or pass the original with --prompt-template FILE.` },
    );
  if (exported.fewShot !== undefined && resolved.fewShot?.pool.sha256 !== exported.fewShot.sha256)
    throw new ConfigError(
      `${sidecar}: field prompt.fewShot.sha256: the few-shot source ${resolved.fewShot?.pool.path ?? exported.fewShot.source} has other rows (sha256 ${resolved.fewShot?.pool.sha256 ?? 'none'}) than the one exported with (${exported.fewShot.sha256})`,
      { hint: 'Pass the few-shot source the requests were exported with (--few-shot-source FILE).' },
    );
}
