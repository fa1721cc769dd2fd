import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT = `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium) to run the browser tests of the HTML reports`;

/** run: chromium is there; fail: CI must never skip (it installs chromium); skip: a fresh machine's `npm test` still passes. */
export type BrowserTestMode = 'run' | 'skip' | 'fail';

export function browserTestMode(chromiumPresent: boolean, environment: NodeJS.ProcessEnv): BrowserTestMode {
  if (chromiumPresent) return 'run';
  return environment['CI'] !== undefined && environment['CI'] !== '' && environment['CI'] !== 'false' ? 'fail' : 'skip';
}

/** `describe` for headless-Chromium tests: skipped with a warning when chromium is missing outside CI, failing in CI. */
export function describeInBrowser(name: string, body: () => void): void {
  const mode = browserTestMode(existsSync(CHROMIUM), process.env);
  if (mode === 'skip') {
    console.warn(`SKIPPED "${name}": ${CHROMIUM_INSTALL_HINT}`);
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    if (mode === 'fail') {
      it('needs chromium (CI installs it; set up by .ci/run)', () => {
        throw new Error(CHROMIUM_INSTALL_HINT);
      });
      return;
    }
    body();
  });
}
