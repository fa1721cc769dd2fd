import { browserTestMode } from './report-browser';

describe('when the HTML browser tests run', () => {
  it('runs them when chromium is installed, in CI or not', () => {
    expect(browserTestMode(true, {})).toBe('run');
    expect(browserTestMode(true, { CI: 'true' })).toBe('run');
  });

  it('fails in CI without chromium (CI installs it and must never skip)', () => {
    expect(browserTestMode(false, { CI: 'true' })).toBe('fail');
    expect(browserTestMode(false, { CI: '1' })).toBe('fail');
  });

  it('skips them on a developer machine without chromium', () => {
    expect(browserTestMode(false, {})).toBe('skip');
    expect(browserTestMode(false, { CI: '' })).toBe('skip');
    expect(browserTestMode(false, { CI: 'false' })).toBe('skip');
  });
});
