import { providerFlagTable } from '../../providers/provider-flag-table';
import { PROVIDERS } from '../../providers/registry';
import { DEFAULT_CONCURRENCY } from '../../providers/middleware/concurrency-limit-middleware';
import { DEFAULT_DEAD_ENDPOINT_MS } from '../../providers/middleware/endpoint-watch-middleware';
import { DEFAULT_MAX_ATTEMPTS } from '../../providers/middleware/retry-middleware';
import { DEFAULT_TIMEOUT_MS } from '../../providers/middleware/timeout-middleware';
import { MC_SCORING_MODES, SYSTEM_PROMPT_PRESETS } from '../../pipeline/prompt-settings';
import { DATASET_FLAGS, PROFILE_FLAG } from './dataset-flags';
import type { FlagTable } from './flag-spec';
import { BUDGET_NAMES, SHOPBENCH_FACTS } from '../../budget/kddcup2024-limits';
import { MAX_BATCH_SIZE, MIN_BATCH_SIZE } from '../../pipeline/evaluator-batches';
import { PROMPT_PRESET_NAMES } from '../../prompting/prompt-presets';
import { DEFAULT_FEW_SHOT_SEED } from '../../prompting/sample-few-shot';

/** `--provider`, `--model` and each provider's own flags, as its definition declares them (src/providers/registry.ts). */
export const PROVIDER_FLAGS = providerFlagTable(PROVIDERS);

/** `shopeval run`: one entry per flag (the embedding flags are shared, in embedding-flags.ts). */
export const RUN_FLAGS = {
  ...DATASET_FLAGS,
  tasks: { type: 'list', group: 'data', describe: 'Only these task names (repeatable, or comma separated)' },
  tracks: { type: 'list', group: 'data', describe: 'Only these tracks (repeatable, or comma separated)' },
  limit: { type: 'integer', min: 1, group: 'data', describe: 'At most N rows of each task (the first N)' },
  shard: {
    type: 'string',
    group: 'data',
    describe:
      'Answer only shard I of N (0 <= I < N; rows split by a hash of their id, after the other filters); `shopeval merge` joins the N run directories',
  },
  ...PROVIDER_FLAGS,
  'system-prompt': { type: 'string', group: 'prompting', describe: "System prompt text (the row's input_field is the user message as is)" },
  'system-preset': {
    type: 'choice',
    choices: Object.keys(SYSTEM_PROMPT_PRESETS),
    group: 'prompting',
    describe: "A named system prompt (starter-kit: the KDD Cup starter kit's)",
  },
  'prompt-template': {
    type: 'string',
    path: 'path',
    group: 'prompting',
    describe:
      'Prompt template file: text with {{input_field}}, {{task_name}}, ... placeholders, or a JSON list of {"role", "content"} chat messages (README: Prompt templates)',
  },
  'prompt-preset': {
    type: 'choice',
    choices: PROMPT_PRESET_NAMES,
    group: 'prompting',
    describe: 'A named prompt template (README: Prompt presets)',
  },
  'few-shot': {
    type: 'integer',
    min: 1,
    group: 'prompting',
    describe: "Show K solved examples of the row's task before each question (needs --few-shot-source)",
  },
  'few-shot-source': {
    type: 'string',
    path: 'path',
    group: 'prompting',
    describe: 'ShopBench-format file the few-shot examples are drawn from (same task_name, never the row itself)',
  },
  'few-shot-seed': { type: 'integer', default: DEFAULT_FEW_SHOT_SEED, group: 'prompting', describe: 'Seed of the per-row few-shot draw' },
  'few-shot-as-turns': {
    type: 'boolean',
    default: false,
    group: 'prompting',
    describe: 'Give the examples as user/assistant chat turns instead of text before the question',
  },
  repeats: {
    type: 'integer',
    min: 1,
    default: 1,
    group: 'prompting',
    describe:
      'Ask each row N times, each repeat with its own seed derived from --seed (default 0): reports show the mean, spread and agreement',
  },
  temperature: { type: 'number', min: 0, default: 0, group: 'prompting', describe: 'Sampling temperature sent with every request' },
  'max-tokens': {
    type: 'list',
    group: 'prompting',
    describe: 'N for every task type, or task_type=N (repeatable)',
    defaultDescription: 'by task type: multiple-choice 16, ranking 32, retrieval 32, named_entity_recognition 64, generation 256',
  },
  stop: { type: 'list', group: 'prompting', describe: 'Stop sequence (repeatable)' },
  seed: { type: 'integer', group: 'prompting', describe: 'Sampling seed sent to the server (builtin random: its seed)' },
  'top-p': { type: 'number', min: 0, max: 1, group: 'prompting', describe: 'Nucleus sampling: top_p (Ollama: options.top_p)' },
  'top-k': {
    type: 'integer',
    min: 1,
    group: 'prompting',
    describe: 'Top-k sampling: top_k (vLLM, llama-server, Ollama options.top_k; hosted OpenAI refuses it)',
  },
  'presence-penalty': {
    type: 'number',
    min: -2,
    max: 2,
    group: 'prompting',
    describe: 'presence_penalty (Ollama: options.presence_penalty)',
  },
  'frequency-penalty': {
    type: 'number',
    min: -2,
    max: 2,
    group: 'prompting',
    describe: 'frequency_penalty (Ollama: options.frequency_penalty)',
  },
  'extra-body': {
    type: 'string',
    group: 'prompting',
    describe:
      'JSON object of server-specific request fields, sent as given (e.g. vLLM guided_choice, response_format); keys shopeval sets are refused',
  },
  'mc-scoring': {
    type: 'choice',
    choices: MC_SCORING_MODES,
    default: 'generate',
    group: 'scoring',
    describe: 'Multiple choice: parse the generated answer (generate), or pick the most probable option label of one token (logprobs)',
  },
  'strip-reasoning': {
    type: 'boolean',
    default: false,
    group: 'scoring',
    describe: 'Remove <think>...</think> from answers before parsing; items.jsonl keeps the raw answer as raw_output',
  },
  concurrency: {
    type: 'integer',
    min: 1,
    default: DEFAULT_CONCURRENCY,
    group: 'requests',
    describe: 'Requests in flight at once (per replica with several --base-url)',
  },
  timeout: {
    type: 'integer',
    min: 1,
    default: DEFAULT_TIMEOUT_MS,
    group: 'requests',
    describe: 'Per-request timeout in ms (also bounds the server probe, at most 30 s)',
  },
  'max-attempts': {
    type: 'integer',
    min: 1,
    default: DEFAULT_MAX_ATTEMPTS,
    group: 'requests',
    describe: 'Calls per item, retries included (408/409/429/5xx, timeouts, dropped connections)',
  },
  cache: { type: 'boolean', default: true, group: 'requests', describe: 'Use the on-disk response cache (--no-cache: off)' },
  'cache-only': {
    type: 'boolean',
    default: false,
    group: 'requests',
    describe: 'Answer from the cache only, never contacting the server; a miss fails the item',
  },
  'cache-dir': {
    type: 'string',
    path: 'path',
    group: 'requests',
    describe: 'Response cache directory',
    defaultDescription: '$XDG_CACHE_HOME/shopeval or ~/.cache/shopeval',
  },
  'dead-endpoint-after': {
    type: 'number',
    min: 0.001,
    default: DEFAULT_DEAD_ENDPOINT_MS / 1000,
    group: 'requests',
    describe: 'Stop (exit 3, resumable, every answer kept) when every attempt has failed to connect for this many seconds',
  },
  'checkpoint-id': {
    type: 'string',
    group: 'model',
    describe: 'Pin the checkpoint identity (a git sha, an adapter hash): keys the cross-run cache, recorded in the manifest',
  },
  'identity-probe': {
    type: 'boolean',
    default: true,
    group: 'requests',
    describe:
      'Recognise a checkpoint that has no digest by its greedy answers to 4 items, so the cache can serve it (--no-identity-probe: off)',
  },
  profile: PROFILE_FLAG,
  'max-error-rate': {
    type: 'number',
    min: 0,
    max: 1,
    default: 0,
    example: '0.05 means 5%',
    group: 'scoring',
    describe: 'Exit 1 when the share of API errors exceeds this (0.05 means 5%)',
  },
  'batch-size': {
    type: 'integer',
    min: MIN_BATCH_SIZE,
    max: MAX_BATCH_SIZE,
    group: 'competition',
    describe:
      'Send batches as the KDD Cup evaluator does (consecutive rows, all multiple choice or all not), one batch at a time, and time each against 10 s x its size',
  },
  'time-budget': {
    type: 'choice',
    choices: BUDGET_NAMES,
    group: 'competition',
    describe:
      "Print a verdict against the competition's limits: batches over the per-sample limit, each track's projected time against its limit",
  },
  'budget-scale': {
    type: 'number',
    min: 0.001,
    default: 1,
    group: 'competition',
    describe:
      "Multiply measured times by this for the batch check and the verdict (0.5: the evaluator's hardware is twice as fast as this run's)",
  },
  'budget-test-items': {
    type: 'integer',
    min: 1,
    default: SHOPBENCH_FACTS.testItemsAbout,
    group: 'competition',
    describe: 'Test items over all tracks the verdict projects to (Phase 2 answered about 11k)',
  },
  'fail-on-budget': { type: 'boolean', default: false, group: 'competition', describe: 'Exit 1 when --time-budget finds a limit broken' },
  out: {
    type: 'string',
    path: 'path',
    group: 'output',
    describe: 'Run directory; an existing one is resumed',
    defaultDescription: 'runs/<model>-<UTC time>',
  },
  tag: { type: 'list', group: 'output', describe: 'key=value recorded in the manifest, for leaderboard pivots (repeatable)' },
  force: {
    type: 'boolean',
    default: false,
    configurable: false,
    group: 'output',
    describe: 'Start over in a run directory holding a different run (discards its answers)',
  },
} as const satisfies FlagTable;
