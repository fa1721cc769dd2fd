import { RUN_FLAGS } from './run-flags';
import type { FlagTable } from './flag-spec';

/** `shopeval batch export|ingest`: the data and prompt flags are run's own entries (declared once), so export asks exactly what run would. */
export const BATCH_FLAGS = {
  data: {
    type: 'string',
    path: 'path',
    group: 'data',
    describe: 'export, ingest: the ShopBench dataset (a .jsonl or JSON array file, or a folder of them)',
  },
  'skip-invalid-rows': RUN_FLAGS['skip-invalid-rows'],
  'track-map': RUN_FLAGS['track-map'],
  tasks: RUN_FLAGS.tasks,
  tracks: RUN_FLAGS.tracks,
  limit: RUN_FLAGS.limit,
  shard: RUN_FLAGS.shard,
  model: {
    type: 'string',
    group: 'model',
    describe: "export: the model name the batch runs with (vLLM's served name, or an OpenAI model)",
  },
  api: {
    type: 'choice',
    choices: ['chat', 'completions'],
    default: 'chat',
    group: 'model',
    describe: 'export: the endpoint each line names (/v1/chat/completions or /v1/completions)',
  },
  'system-prompt': RUN_FLAGS['system-prompt'],
  'system-preset': RUN_FLAGS['system-preset'],
  temperature: RUN_FLAGS.temperature,
  'max-tokens': RUN_FLAGS['max-tokens'],
  stop: RUN_FLAGS.stop,
  seed: RUN_FLAGS.seed,
  'top-p': RUN_FLAGS['top-p'],
  'top-k': RUN_FLAGS['top-k'],
  'presence-penalty': RUN_FLAGS['presence-penalty'],
  'frequency-penalty': RUN_FLAGS['frequency-penalty'],
  'extra-body': RUN_FLAGS['extra-body'],
  'mc-scoring': RUN_FLAGS['mc-scoring'],
  'strip-reasoning': RUN_FLAGS['strip-reasoning'],
  requests: {
    type: 'string',
    path: 'path',
    group: 'data',
    describe: 'ingest, submit: the requests file `batch export` wrote (its .shopeval.json sidecar is read)',
  },
  errors: {
    type: 'string',
    path: 'path',
    group: 'data',
    describe: "ingest: the batch's error file (OpenAI writes failed requests there); its lines become API errors",
  },
  profile: RUN_FLAGS.profile,
  'base-url': {
    type: 'string',
    group: 'model',
    describe: "submit, status: the batch API's URL",
    defaultDescription: '$OPENAI_BASE_URL, else the OpenAI API',
  },
  'api-key': RUN_FLAGS['api-key'],
  out: {
    type: 'string',
    path: 'path',
    group: 'output',
    describe:
      "export: the requests file to write (plus FILE.shopeval.json); ingest: the run directory; status: download a finished batch's results.jsonl and errors.jsonl here",
  },
  tag: RUN_FLAGS.tag,
  force: {
    type: 'boolean',
    default: false,
    configurable: false,
    group: 'output',
    describe: 'ingest: start over in a run directory holding a different run',
  },
} as const satisfies FlagTable;
