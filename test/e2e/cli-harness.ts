import { main } from '../../src/cli/main';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the shopeval CLI in-process and captures its output and exit code. */
export async function runCli(argv: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const previous = process.exitCode;
  process.exitCode = 0;
  try {
    await main(argv);
    return { exitCode: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = previous;
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}
