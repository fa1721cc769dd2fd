import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a model directory's own sentence-transformers files say (absent files leave fields undefined). */
export interface SentenceTransformersConfig {
  readonly maxSeqLength: number | undefined;
  /** True when modules.json lists a Normalize module, false when it lists none, undefined without modules.json. */
  readonly normalize: boolean | undefined;
  /** The pooling modes switched on in the Pooling module's config.json (e.g. ["mean_tokens"]). */
  readonly poolingModes: readonly string[] | undefined;
}

interface ModuleEntry {
  readonly path?: unknown;
  readonly type?: unknown;
}

function readJson(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads sentence_bert_config.json, modules.json and the Pooling config of a local model directory. */
export function readSentenceTransformersConfig(modelDirectory: string): SentenceTransformersConfig {
  const bertConfig = readJson(join(modelDirectory, 'sentence_bert_config.json'));
  const maxSeqLength = isRecord(bertConfig) && typeof bertConfig['max_seq_length'] === 'number' ? bertConfig['max_seq_length'] : undefined;
  const modules = readJson(join(modelDirectory, 'modules.json'));
  if (!Array.isArray(modules)) return { maxSeqLength, normalize: undefined, poolingModes: undefined };
  const entries = modules as readonly ModuleEntry[];
  const isType = (entry: ModuleEntry, name: string): boolean => typeof entry.type === 'string' && entry.type.endsWith(`.${name}`);
  const normalize = entries.some((entry) => isType(entry, 'Normalize'));
  const pooling = entries.find((entry) => isType(entry, 'Pooling'));
  const poolingConfig =
    pooling && typeof pooling.path === 'string' ? readJson(join(modelDirectory, pooling.path, 'config.json')) : undefined;
  const poolingModes = isRecord(poolingConfig)
    ? Object.entries(poolingConfig)
        .filter(([key, value]) => key.startsWith('pooling_mode_') && value === true)
        .map(([key]) => key.slice('pooling_mode_'.length))
    : undefined;
  return { maxSeqLength, normalize, poolingModes };
}
