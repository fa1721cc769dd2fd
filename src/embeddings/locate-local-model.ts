import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SemanticModelProfile } from './model-profiles';

/** The files transformers.js needs from a model directory (fp32 export). */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'onnx/model.onnx'] as const;

export function missingModelFiles(directory: string): string[] {
  return REQUIRED_MODEL_FILES.filter((file) => !existsSync(join(directory, file)));
}

/** The Python hub cache (sentence-transformers' downloads): $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub. */
export function pythonHubCacheDirectory(environment: NodeJS.ProcessEnv): string {
  if (environment['HF_HUB_CACHE']) return environment['HF_HUB_CACHE'];
  if (environment['HF_HOME']) return join(environment['HF_HOME'], 'hub');
  return join(environment['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'huggingface', 'hub');
}

function hubCacheSnapshots(hubCache: string, hubId: string): string[] {
  const snapshots = join(hubCache, `models--${hubId.replace('/', '--')}`, 'snapshots');
  if (!existsSync(snapshots)) return [];
  return readdirSync(snapshots).map((revision) => join(snapshots, revision));
}

export interface LocalModelSearch {
  readonly profile: SemanticModelProfile;
  /** --<metric>-model: a directory, or a hub id. */
  readonly model: string | undefined;
  /** --embedding-model-dir: a root holding `<hub id>/` directories (transformers.js' localModelPath layout). */
  readonly modelRoot: string | undefined;
  /** transformers.js' download cache, which keeps `<hub id>/` directories too. */
  readonly modelCacheDirectory: string | undefined;
  readonly environment: NodeJS.ProcessEnv;
}

export type LocatedModel =
  | { readonly kind: 'directory'; readonly directory: string }
  /** Not found on disk: a hub id for transformers.js to download (or to find in its own cache). */
  | { readonly kind: 'hub'; readonly hubId: string }
  | { readonly kind: 'incomplete'; readonly directory: string; readonly missing: readonly string[] };

/** Looks for the model in the explicit directory, the model root, transformers.js' cache and the Python hub cache. */
export function locateLocalModel(search: LocalModelSearch): LocatedModel {
  const explicit = search.model;
  if (explicit !== undefined && existsSync(explicit)) {
    const directory = resolve(explicit);
    const missing = missingModelFiles(directory);
    return missing.length === 0 ? { kind: 'directory', directory } : { kind: 'incomplete', directory, missing };
  }
  const hubIds = explicit !== undefined ? [explicit] : [search.profile.hubId, ...search.profile.alternateHubIds];
  const roots = [search.modelRoot, search.modelCacheDirectory].filter((root): root is string => root !== undefined);
  const candidates = [
    ...roots.flatMap((root) => hubIds.map((hubId) => resolve(root, hubId))),
    ...hubIds.flatMap((hubId) => hubCacheSnapshots(pythonHubCacheDirectory(search.environment), hubId)),
  ];
  const complete = candidates.find((directory) => missingModelFiles(directory).length === 0);
  if (complete !== undefined) return { kind: 'directory', directory: complete };
  const partial = candidates.find((directory) => existsSync(join(directory, 'config.json')));
  if (partial !== undefined && search.modelRoot !== undefined && partial.startsWith(resolve(search.modelRoot))) {
    return { kind: 'incomplete', directory: partial, missing: missingModelFiles(partial) };
  }
  return { kind: 'hub', hubId: hubIds[0] ?? search.profile.hubId };
}
