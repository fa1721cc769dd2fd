import { join } from 'node:path';
import { runCliInProcess } from './cli';
import { temporaryDirectory } from '../e2e/run-fixtures';

describe('runCliInProcess, the in-process CLI harness', () => {
  it('sets the given variables for the call only, and puts the environment back', async () => {
    const cache = join(temporaryDirectory('harness-env'), 'xdg');
    const before = process.env['XDG_CACHE_HOME'];
    const result = await runCliInProcess(['cache', 'stats'], { env: { XDG_CACHE_HOME: cache } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${join(cache, 'shopeval')}: 0 response files`);
    expect(process.env['XDG_CACHE_HOME']).toBe(before);
  });

  it('refuses a second call while one runs (they would share the capture and the exit code)', async () => {
    const first = runCliInProcess(['cache', 'stats'], { env: { XDG_CACHE_HOME: temporaryDirectory('harness-first') } });
    await expect(runCliInProcess(['--version'])).rejects.toThrow(/another in-process CLI call is still running/);
    expect((await first).status).toBe(0);
    expect((await runCliInProcess(['--version'])).status).toBe(0); // free again once the first has ended
  });

  it("reports a command's exit code without leaving it on the process", async () => {
    const before = process.exitCode;
    const result = await runCliInProcess(['no-such-command']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "no-such-command"');
    expect(process.exitCode).toBe(before);
  });
});
