import type { Argv, CommandModule, PositionalOptions } from 'yargs';
import { commandFlags, type CommandName } from './flags/command-flags';
import { addFlags } from './flags/yargs-options';

type Handler = (args: Readonly<Record<string, unknown>>) => Promise<void> | void;

/** What `--help` shows of a command; its handler module (and what it imports) is loaded only when the command runs. */
interface CommandDefinition {
  readonly usage: string;
  readonly describe: string;
  readonly positionals: Readonly<Record<string, PositionalOptions>>;
  readonly examples: readonly (readonly [command: string, meaning: string])[];
  readonly load: () => Handler;
}

// a handler module is required only when its command runs: --help and a mistyped flag never load the pipeline
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Readonly<Record<CommandName, CommandDefinition>> = {
  run: {
    usage: 'run',
    describe: 'Answer every dataset row through a model (server, replay file or builtin baseline) and score the answers',
    positionals: {},
    examples: [
      ['$0 run --data fixtures/datasets/shopbench-dev.jsonl --provider builtin', 'the builtin lexical baseline on the dev set (no server)'],
      [
        '$0 run --data dev.jsonl --provider openai-compatible --base-url http://127.0.0.1:8000/v1 --model my-lora --out runs/lora',
        'a vLLM or llama.cpp server; run again with the same --out to resume',
      ],
      ['$0 run --data dev.jsonl --provider ollama --model qwen2.5:7b --limit 5', 'Ollama, the first 5 rows of each task'],
    ],
    load: () => (require('./run-command') as typeof import('./run-command')).handleRun,
  },
  score: {
    usage: 'score',
    describe: 'Score a predictions file against a ShopBench dataset with the official parsers and metrics',
    positionals: {},
    examples: [
      [
        '$0 score --data fixtures/datasets/shopbench-dev.jsonl --predictions fixtures/predictions/dev-plausible.jsonl --out scores/',
        'score a predictions file and write items.jsonl and summary.json',
      ],
    ],
    load: () => (require('./score-command') as typeof import('./score-command')).handleScore,
  },
  report: {
    usage: 'report <dir>',
    describe: 'Report one run or score directory with 95% bootstrap intervals (terminal, Markdown, JSON, CSV or HTML)',
    positionals: { dir: { type: 'string', demandOption: true, describe: 'A `shopeval run` or `shopeval score --out` directory' } },
    examples: [
      ['$0 report runs/r16', 'scores with intervals on the terminal'],
      ['$0 report runs/r16 --format html', 'one self-contained HTML file under reports/'],
    ],
    load: () => (require('./report-command') as typeof import('./report-command')).handleReport,
  },
  compare: {
    usage: 'compare <baseline> <candidate>',
    describe: 'Compare two runs item by item: differences with paired bootstrap intervals, and a regression gate for CI',
    positionals: {
      baseline: { type: 'string', demandOption: true, describe: 'The reference run directory' },
      candidate: { type: 'string', demandOption: true, describe: 'The run under test' },
    },
    examples: [
      ['$0 compare runs/base runs/r16', 'per task, track and overall: both scores, the difference and its interval'],
      ['$0 compare runs/base runs/r16 --fail-on-regression --tolerance 0.01', 'exit 1 on a clear regression (for CI)'],
    ],
    load: () => (require('./compare-command') as typeof import('./compare-command')).handleCompare,
  },
  leaderboard: {
    usage: 'leaderboard <runs..>',
    describe: 'Rank many runs with intervals; pivot a score by two manifest tags (refuses runs of different profiles or datasets)',
    positionals: {
      runs: { type: 'string', array: true, demandOption: true, describe: 'Run directories, parents of run directories, or quoted globs' },
    },
    examples: [
      ["$0 leaderboard 'runs/*'", 'rank every run under runs/ by overall score'],
      ["$0 leaderboard 'runs/*' --pivot rows=lora_rank,cols=mix --value overall", 'a table of scores by two --tag values'],
    ],
    load: () => (require('./leaderboard-command') as typeof import('./leaderboard-command')).handleLeaderboard,
  },
  embed: {
    usage: 'embed <sentences..>',
    describe: 'Print the embeddings of sentences with the backend a semantic metric would use (to compare with sentence-transformers)',
    positionals: { sentences: { type: 'string', array: true, demandOption: true, describe: 'Sentences to embed' } },
    examples: [
      [
        '$0 embed "A toggle switch is an electric switch." --sent-transformer-model models/all-MiniLM-L6-v2',
        'the L6 embedding from a local ONNX export',
      ],
      [
        '$0 embed --metric multilingual-sent-transformer --embedding-backend openai --embedding-base-url http://127.0.0.1:8080/v1 "こんにちは"',
        'through an endpoint',
      ],
    ],
    load: () => (require('./embed-command') as typeof import('./embed-command')).handleEmbed,
  },
  cache: {
    usage: 'cache <action>',
    describe: 'The response cache: stats, compact (keep only its live entries) or clear',
    positionals: {
      action: { type: 'string', choices: ['stats', 'compact', 'clear'], demandOption: true, describe: 'stats | compact | clear' },
    },
    examples: [
      ['$0 cache stats', 'response files, lines, live entries and size'],
      ['$0 cache compact --cache-dir /shared/cache', 'drop superseded and torn lines (refused while a run uses the cache)'],
    ],
    load: () => (require('./cache-command') as typeof import('./cache-command')).handleCache,
  },
  merge: {
    usage: 'merge <dirs..>',
    describe: 'Join the run directories of `run --shard I/N` (all N shards of one run) into one run directory, scored as the unsharded run',
    positionals: { dirs: { type: 'string', array: true, demandOption: true, describe: "The shards' run directories" } },
    examples: [
      [
        '$0 merge runs/shard-0 runs/shard-1 runs/shard-2 runs/shard-3 --out runs/full',
        "four shards into one run; its summary.json is the single-process run's, byte for byte",
      ],
    ],
    load: () => (require('./merge-command') as typeof import('./merge-command')).handleMerge,
  },
  batch: {
    usage: 'batch <action> [input]',
    describe:
      'Export the requests of a run as an OpenAI Batch input file (OpenAI Batch API, vLLM run_batch), submit and follow a hosted batch, ingest its output into a run directory',
    positionals: {
      action: {
        type: 'string',
        choices: ['export', 'submit', 'status', 'ingest'],
        demandOption: true,
        describe: 'export | submit | status | ingest',
      },
      input: { type: 'string', describe: 'ingest: the batch output file; status: the batch id' },
    },
    examples: [
      [
        '$0 batch export --data dev.jsonl --model my-lora --system-preset starter-kit --out requests.jsonl',
        'one request line per row, as run would send it',
      ],
      [
        '$0 batch export --data dev.jsonl --model my-lora --prompt-preset answer-only --few-shot 3 --few-shot-source train.jsonl --repeats 5 --out requests.jsonl',
        "five lines per row (each repeat with run's seed for it), with run's template and few-shot examples",
      ],
      ['$0 batch submit --requests requests.jsonl', 'upload to the OpenAI Batch API and start it (prints the batch id)'],
      ['$0 batch status batch_abc123 --out downloads/', 'its progress; once finished, downloads results.jsonl and errors.jsonl'],
      [
        '$0 batch ingest results.jsonl --errors errors.jsonl --requests requests.jsonl --data dev.jsonl --out runs/lora',
        'a normal run directory for report, compare and leaderboard',
      ],
    ],
    load: () => (require('./batch-command') as typeof import('./batch-command')).handleBatch,
  },
};

/* eslint-enable @typescript-eslint/no-require-imports */

/** A command for yargs: its flags from the flag table, its positionals and examples, and a handler loaded on use. */
export function commandModule(name: CommandName): CommandModule {
  const definition = COMMANDS[name];
  return {
    command: definition.usage,
    describe: definition.describe,
    builder: (argv: Argv) => {
      addFlags(argv, commandFlags(name));
      for (const [positional, options] of Object.entries(definition.positionals)) argv.positional(positional, options);
      for (const [command, meaning] of definition.examples) argv.example(command, meaning);
      return argv;
    },
    handler: async (args) => definition.load()(args),
  };
}
