import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const DEV_SET = join(REPO_ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const BIN = join(REPO_ROOT, 'bin', 'shopeval.js');

/** What one CLI invocation did, whether it ran in a child process or in this one. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/**
 * Runs the built CLI in a child process, as a user would. Only for what needs a real process
 * (exit codes set by Node itself, signals, bin/, environment variables read at start-up);
 * the jest globalSetup (test/helpers/global-setup.ts) rebuilds dist/ when src/ is newer, so this never runs a stale build.
 */
export function runCli(args: readonly string[], options: SpawnOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, but without blocking the event loop, so fake servers in this process can answer the child. */
export function runCliAsync(args: readonly string[], options: SpawnOptions = {}): Promise<CliResult> {
  const { exit, stdout, stderr } = spawnCli(args, options);
  return exit.then((status) => ({ status, stdout: stdout(), stderr: stderr() }));
}

/** A running CLI child, for tests that signal or kill it; `exit` resolves to its exit code (null when killed). */
export interface CliChild {
  readonly child: ChildProcess;
  readonly exit: Promise<number | null>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function spawnCli(args: readonly string[], options: SpawnOptions = {}): CliChild {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve(status));
  });
  return { child, exit, stdout: () => stdout, stderr: () => stderr };
}

/** What a CLI run in this process sees besides its arguments. */
export interface InProcessOptions {
  /** Variables set for the call only (the CLI reads its keys and cache folders when a command runs, not at load). */
  readonly env?: NodeJS.ProcessEnv;
}

// jest writes these to stderr (and sets process.exitCode = 1) when another file's leftover work outlives that file
const JEST_TEARDOWN_ERROR = /after the Jest environment has been torn down|Cannot log after tests are done/;
let running = false;

/**
 * Runs the CLI's `main` in this process (no Node start-up, no dist/): output written to process.stdout/stderr
 * or through console (yargs prints help with console.log) is captured; yargs' process.exit after --help is
 * recorded instead of ending jest's worker. One call at a time: the capture and the exit code are the process's.
 */
export async function runCliInProcess(argv: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  if (running) throw new Error('runCliInProcess: another in-process CLI call is still running; await it first (or use runCliAsync)');
  // loaded on first use, so tests that only spawn the built CLI do not compile all of src/ into their worker
  const { main } = jest.requireActual<typeof import('../../src/cli/main')>('../../src/cli/main');
  running = true;
  let stdout = '';
  let stderr = '';
  let exitedWith: number | undefined;
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)),
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(' ')}\n`)),
    jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(' ')}\n`)),
    jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      exitedWith ??= Number(code ?? 0);
      return undefined as never;
    }),
  ];
  const restoreEnv = setEnvironment(options.env ?? {});
  const previous = process.exitCode;
  process.exitCode = 0;
  try {
    await main(argv);
    // jest's own complaint about another file went into this capture, and its exit code 1 into this status: say so
    if (JEST_TEARDOWN_ERROR.test(stderr)) throw new Error(`work left running by another test file broke this CLI call:\n${stderr}`);
    return { status: exitedWith ?? Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = previous;
    restoreEnv();
    for (const spy of spies) spy.mockRestore();
    running = false;
  }
}

/** Sets the variables (undefined removes one) and returns the function that puts the environment back. */
function setEnvironment(variables: NodeJS.ProcessEnv): () => void {
  const saved = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** An environment whose user caches are empty temporary folders, so no model a developer downloaded leaks into a test. */
export function isolatedCacheEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'shopeval-home-'));
  return { HOME: home, XDG_CACHE_HOME: join(home, '.cache'), HF_HOME: join(home, 'hf') };
}
