import type { RunTiming } from '../budget/run-timing';
import type { ReplicaFigures } from '../providers/pool/replica-figures';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import type { CheckpointIdentity } from '../providers/identity/checkpoint-identity';
import type { ProviderDescription } from '../providers/provider';
import manifestSchema from '../schemas/manifest.schema.json';
import type { DatasetIdentity, EmbeddingUse } from '../scoring/records';
import type { ProfileName } from '../scoring/types';
import { stringifyJson } from '../util/json';
import { writeFileAtomically } from './atomic-file';
import { checkRunFile, runFileValidator } from './validate-run-file';

/** `manifest.json` of a run directory as this version writes it: everything needed to know what was run, never a secret. */
export interface RunManifest {
  readonly schema_version: 1;
  readonly shopeval_version: string;
  readonly dataset: DatasetIdentity;
  readonly filters: {
    readonly tasks: readonly string[] | null;
    readonly tracks: readonly string[] | null;
    readonly limit: number | null;
    /** `--shard I/N`: this run answers one of N parts of the filtered rows (absent when unsharded); `shopeval merge` joins them. */
    readonly shard?: { readonly index: number; readonly count: number };
  };
  readonly profile: ProfileName;
  readonly model: string;
  readonly provider: ProviderDescription & { readonly name: string };
  /** Which checkpoint answered, from stable facts only, and how strongly that tells it from another (README: Checkpoint identity). */
  readonly identity: CheckpointIdentity;
  readonly prompt: {
    readonly system: string | null;
    readonly system_preset: string | null;
    readonly temperature: number;
    readonly max_tokens: Readonly<Record<string, number>>;
    readonly stop: readonly string[] | null;
    readonly seed: number | null;
    readonly top_p?: number;
    readonly top_k?: number;
    readonly presence_penalty?: number;
    readonly frequency_penalty?: number;
    /** `--extra-body`, as sent. */
    readonly extra_body?: Readonly<Record<string, unknown>>;
    /** Present when multiple choice was scored by log-probabilities. */
    readonly mc_scoring?: 'logprobs';
    /** `--prompt-template`/`--prompt-preset`: where it came from and its whole text (part of the cache key through the requests). */
    readonly template?: { readonly source: string; readonly kind: 'text' | 'chat'; readonly text: string };
    /** `--few-shot`: K, the source file and the SHA-256 of its rows, the draw's seed, text or chat turns. */
    readonly few_shot?: {
      readonly k: number;
      readonly source: string;
      readonly sha256: string;
      readonly seed: number;
      readonly as_turns: boolean;
    };
    /** `--repeats`: each row asked this many times (seeds derived per repeat from `seed`). */
    readonly repeats?: number;
  };
  /** `<think>` blocks were removed before parsing (items.jsonl keeps the raw answer as raw_output). */
  readonly strip_reasoning?: true;
  readonly execution: {
    readonly concurrency: number;
    readonly timeout_ms: number;
    readonly max_attempts: number;
    readonly dead_endpoint_ms?: number;
    readonly batch_size?: number;
  };
  readonly tags: Readonly<Record<string, string>>;
  readonly started_at: string;
  /** When each resume began. */
  readonly resumed_at: readonly string[];
  /** null until the run has finished. */
  readonly ended_at: string | null;
  readonly cache: {
    readonly enabled: boolean;
    readonly cache_only: boolean;
    readonly directory: string | null;
    readonly hits: number;
    readonly misses: number;
  };
  readonly counts: {
    readonly items: number;
    readonly answered: number;
    readonly api_errors: number;
    readonly null_content?: number;
  } | null;
  /** Which backend and model scored each semantic metric of the dataset, or why none could (written when scoring). */
  readonly embeddings?: Readonly<Record<string, EmbeddingUse>>;
  /** A replica pool's (several --base-url) calls, errors, ejections and latency per replica, summed over resumes; absent for one endpoint. */
  readonly replicas?: readonly ReplicaFigures[];
  /** The dataset is a test set (no truths): the run is unscored; predictions.jsonl and submission.jsonl hold its answers. */
  readonly test_set?: true;
  /** `shopeval merge`: the shard runs this run was joined from. */
  readonly merged_from?: readonly {
    readonly shard: string;
    readonly directory: string;
    readonly started_at: string;
    readonly ended_at: string | null;
  }[];
  /** Latency and token figures per task, track and overall, and the batches (written when the run ends; see src/budget/run-timing.ts). */
  readonly timing?: RunTiming;
}

/** A manifest as any version wrote it: runs from before checkpoint identities have none (they recorded a `fingerprint`). */
export type StoredRunManifest = Omit<RunManifest, 'identity'> & { readonly identity?: CheckpointIdentity };

export const MANIFEST_FILE = 'manifest.json';

const validateManifest = runFileValidator<StoredRunManifest>(manifestSchema);
const WHAT_TO_DO = 'run again with another --out (or --force to start over in this directory), or restore the file this run wrote';

/** The run directory's manifest, validated against src/schemas/manifest.schema.json; undefined when it has none. */
export function readRunManifest(directory: string): StoredRunManifest | undefined {
  const file = join(directory, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new RunDirectoryError(`${file}: (top level): not valid JSON (${(cause as Error).message}), ${WHAT_TO_DO}`, { cause });
  }
  return checkRunFile(validateManifest(), value, file, WHAT_TO_DO);
}

export async function writeRunManifest(directory: string, manifest: RunManifest): Promise<void> {
  writeFileAtomically(join(directory, MANIFEST_FILE), stringifyJson(manifest, 2) + '\n');
  return Promise.resolve();
}
