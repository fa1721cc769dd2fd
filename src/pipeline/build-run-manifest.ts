import { datasetIdentity } from '../dataset/dataset-identity';
import type { DatasetFilter, DatasetScan } from '../dataset/load-dataset';
import type { CheckpointIdentity } from '../providers/identity/checkpoint-identity';
import type { LanguageModel } from '../providers/provider';
import type { ProfileName } from '../scoring/types';
import type { PromptSettings } from './prompt-settings';
import type { RunManifest } from '../rundir/manifest-file';
import { shopevalVersion } from './shopeval-version';
import { defined } from '../util/defined';

export interface BuildRunManifestArgs {
  readonly dataset: DatasetScan;
  /** Rows after filters. */
  readonly rowCount: number;
  readonly filter: DatasetFilter;
  readonly profile: ProfileName;
  readonly model: LanguageModel;
  readonly identity: CheckpointIdentity;
  readonly prompt: PromptSettings;
  readonly execution: {
    readonly concurrency: number;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    readonly deadEndpointMs: number;
    readonly batchSize?: number;
  };
  /** The dataset has no truths: the run is unscored. */
  readonly testSet?: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly cache: { readonly directory: string; readonly cacheOnly: boolean } | undefined;
  /** `--strip-reasoning`: recorded, but a resume may change it (the log keeps the raw answers). */
  readonly stripReasoning?: boolean;
  /** Whether the cross-run cache serves this run (the identity tells checkpoints apart, the answers are not sampled). */
  readonly cacheUsed: boolean;
}

/** The manifest of a run about to start: everything needed to know what was run, never a secret. */
export function buildRunManifest(args: BuildRunManifestArgs): RunManifest {
  const { prompt, filter, model, cache } = args;
  return {
    schema_version: 1,
    shopeval_version: shopevalVersion(),
    dataset: datasetIdentity(args.dataset, args.rowCount),
    filters: {
      tasks: filter.tasks ?? null,
      tracks: filter.tracks ?? null,
      limit: filter.limit ?? null,
      ...(filter.shard === undefined ? {} : { shard: { index: filter.shard.index, count: filter.shard.count } }),
    },
    profile: args.profile,
    model: model.description.model,
    provider: { ...model.description, name: model.description.provider },
    identity: args.identity,
    prompt: {
      system: prompt.system ?? null,
      system_preset: prompt.systemPreset ?? null,
      temperature: prompt.temperature,
      max_tokens: prompt.maxTokens,
      stop: prompt.stop ?? null,
      seed: prompt.seed ?? null,
      // written only when set, so runs from before these settings still resume
      ...defined({
        top_p: prompt.topP,
        top_k: prompt.topK,
        presence_penalty: prompt.presencePenalty,
        frequency_penalty: prompt.frequencyPenalty,
        extra_body: prompt.extraBody,
        mc_scoring: prompt.mcScoring === 'logprobs' ? prompt.mcScoring : undefined,
      }),
      ...promptFileFields(prompt),
    },
    ...(args.stripReasoning === true ? { strip_reasoning: true as const } : {}),
    execution: {
      concurrency: args.execution.concurrency,
      timeout_ms: args.execution.timeoutMs,
      max_attempts: args.execution.maxAttempts,
      dead_endpoint_ms: args.execution.deadEndpointMs,
      ...(args.execution.batchSize === undefined ? {} : { batch_size: args.execution.batchSize }),
    },
    ...(args.testSet === true ? { test_set: true as const } : {}),
    tags: args.tags,
    started_at: new Date().toISOString(),
    resumed_at: [],
    ended_at: null,
    cache: {
      enabled: cache !== undefined && model.cacheable && args.cacheUsed,
      cache_only: cache?.cacheOnly ?? false,
      directory: cache?.directory ?? null,
      hits: 0,
      misses: 0,
    },
    counts: null,
  };
}

/** Template, few-shot and repeats, recorded only when used (so earlier runs' manifests still resume). */
function promptFileFields(prompt: PromptSettings): Pick<RunManifest['prompt'], 'template' | 'few_shot' | 'repeats'> {
  const { template, fewShot, repeats } = prompt;
  return {
    ...(template === undefined ? {} : { template: { source: template.source, kind: template.kind, text: template.text } }),
    ...(fewShot === undefined
      ? {}
      : {
          few_shot: { k: fewShot.k, source: fewShot.pool.path, sha256: fewShot.pool.sha256, seed: fewShot.seed, as_turns: fewShot.asTurns },
        }),
    ...(repeats === undefined ? {} : { repeats }),
  };
}
