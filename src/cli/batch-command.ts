import { batchExport, batchIngest, batchState, batchSubmit } from '../app/batch';
import { exportManifestPath } from '../batch/batch-export-manifest';
import { ConfigError } from '../errors';
import { defined } from '../util/defined';
import { PROMPT_FLAG_NAMES, runPromptOptionsOf } from './prompt-flag-values';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import { BATCH_FLAGS } from './flags/batch-flags';
import type { FlagSpec, FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { parseTags, rowSelectionOf } from './run-flag-values';
import { createTerminalReporter } from './terminal-reporter';

type BatchFlags = FlagValues<typeof BATCH_FLAGS>;

/** Files of the export's prompt that ingest may find elsewhere (checked to hold what was exported). */
const RELOCATABLE = ['prompt-template', 'few-shot-source'] as const;

/** Flags that shape the requests: given at export, read back from its manifest at ingest. */
const EXPORT_ONLY = [
  'tasks',
  'tracks',
  'limit',
  'shard',
  'model',
  'api',
  'skip-invalid-rows',
  'track-map',
  ...PROMPT_FLAG_NAMES.filter((flag) => !(RELOCATABLE as readonly string[]).includes(flag)),
] as const satisfies readonly (keyof typeof BATCH_FLAGS)[];

/** A flag the command line set to something other than its default (yargs fills defaults in). */
function isGiven(raw: Readonly<Record<string, unknown>>, flag: keyof typeof BATCH_FLAGS): boolean {
  const spec: FlagSpec = BATCH_FLAGS[flag];
  const value = raw[flag];
  return value !== undefined && JSON.stringify(value) !== JSON.stringify('default' in spec ? spec.default : undefined);
}

/** A flag the action cannot do without, named with the command that shows its use. */
function required<T>(value: T | undefined, flag: string, action: string): T {
  if (value === undefined)
    throw new ConfigError(`batch ${action} needs --${flag}`, { hint: `shopeval batch --help shows what each action takes.` });
  return value;
}

async function exportCommand(args: BatchFlags): Promise<void> {
  const data = required(args.data, 'data', 'export');
  const out = required(args.out, 'out', 'export');
  if (args.model === undefined)
    throw new ConfigError('batch export needs --model: the name the batch runs the requests with', {
      hint: 'e.g. --model Qwen/Qwen2.5-7B-Instruct (vLLM run_batch) or --model gpt-4o-mini (OpenAI Batch API).',
    });
  await batchExport(
    {
      data,
      ...rowSelectionOf(args),
      model: args.model,
      api: args.api === 'completions' ? 'completions' : 'chat',
      prompt: runPromptOptionsOf(args),
      out,
    },
    createTerminalReporter(),
  );
}

async function ingestCommand(
  args: BatchFlags,
  results: string | undefined,
  raw: Readonly<Record<string, unknown>>,
  embedding: EmbeddingArguments,
): Promise<void> {
  if (results === undefined)
    throw new ConfigError('batch ingest needs the batch output file', {
      hint: 'shopeval batch ingest results.jsonl --requests requests.jsonl --data DATA --out DIR',
    });
  if (args.requests === undefined)
    throw new ConfigError(
      'batch ingest needs --requests: the file `batch export` wrote (its .shopeval.json says how each request was built)',
    );
  const given = EXPORT_ONLY.filter((flag) => isGiven(raw, flag));
  if (given.length > 0)
    throw new ConfigError(`batch ingest takes the request settings from the export: drop ${given.map((flag) => `--${flag}`).join(', ')}`, {
      hint: `Its ${exportManifestPath(args.requests)} records them; only --prompt-template and --few-shot-source may say where those files are now.`,
    });
  await batchIngest(
    {
      results,
      requests: args.requests,
      data: required(args.data, 'data', 'ingest'),
      out: required(args.out, 'out', 'ingest'),
      profile: args.profile,
      tags: parseTags(args.tag),
      force: args.force,
      stripReasoning: args['strip-reasoning'],
      promptFiles: defined({ templateFile: args['prompt-template'], fewShotSource: args['few-shot-source'] }),
      embedding: toEmbeddingOptions(embedding),
      ...defined({ errors: args.errors }),
    },
    createTerminalReporter(),
  );
}

function hostedSettings(args: BatchFlags): { baseURL?: string; apiKey?: string } {
  return defined({ baseURL: args['base-url'], apiKey: args['api-key'] });
}

async function submitCommand(args: BatchFlags): Promise<void> {
  await batchSubmit(required(args.requests, 'requests', 'submit'), hostedSettings(args), createTerminalReporter());
}

async function statusCommand(args: BatchFlags, id: string | undefined): Promise<void> {
  if (id === undefined)
    throw new ConfigError('batch status needs the batch id `batch submit` printed', {
      hint: 'shopeval batch status batch_abc123 --out downloads/',
    });
  await batchState(id, { ...hostedSettings(args), ...defined({ download: args.out }) }, createTerminalReporter());
}

/** `shopeval batch <export|ingest|submit|status> [input]`, after yargs has parsed the command line. */
export function handleBatch(args: Readonly<Record<string, unknown>>): Promise<void> {
  const flags = readFlags(BATCH_FLAGS, args);
  const input = typeof args['input'] === 'string' ? args['input'] : undefined;
  switch (args['action']) {
    case 'export':
      if (input !== undefined)
        throw new ConfigError(`batch export takes no file argument (got ${input})`, {
          hint: 'Name the requests file to write with --out.',
        });
      return exportCommand(flags);
    case 'submit':
      return submitCommand(flags);
    case 'status':
      return statusCommand(flags, input);
    default:
      return ingestCommand(flags, input, args, readEmbeddingFlags(args));
  }
}
