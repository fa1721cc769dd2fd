import { redactSecrets, redactUrl, registerSecret, registerUrlSecrets } from '../../src/providers/redact-secrets';
import { ProviderCallError, asProviderCallError } from '../../src/providers/provider-call-error';

describe('secret redaction', () => {
  const key = 'sk-test-DISTINCT-9a8b7c';

  it('cuts the configured key and any Bearer token', () => {
    expect(redactSecrets(`bad key ${key}; header Bearer ${key}`, [key])).toBe('bad key [redacted]; header Bearer [redacted]');
    expect(redactSecrets('{"auth":"Bearer abc.def-ghi"}')).toBe('{"auth":"Bearer [redacted]"}');
    expect(redactSecrets('authorization: bearer xyz123')).toBe('authorization: bearer [redacted]');
    expect(redactSecrets('no secret here', ['abc'])).toBe('no secret here'); // too short to redact safely
  });

  it('never lets a key into a call error: message, describe() or stack', () => {
    const error = new ProviderCallError({ kind: 'http', status: 401, message: `Incorrect API key provided: ${key}`, secrets: [key] });
    expect(error.message).not.toContain(key);
    expect(error.describe()).toBe('http 401: Incorrect API key provided: [redacted]');
    expect(error.stack).not.toContain(key);
    const unknown = asProviderCallError(new Error(`echo: Authorization: Bearer ${key}`));
    expect(unknown.describe()).not.toContain(key);
  });
});

describe('the one redaction layer', () => {
  it('cuts a key a server echoes masked (its distinctive prefix), in full or in part, but not a short placeholder', () => {
    const key = 'sk-test-SECRETabcdef0123456789';
    expect(redactSecrets('key sk-test-SECRET*** is not valid', [key])).toBe('key [redacted]*** is not valid');
    expect(redactSecrets(`x-echo: ${key.slice(0, 15)}…`, [key])).toBe('x-echo: [redacted]…');
    expect(redactSecrets('a word "EMPTY"', ['EMPTY'])).toBe('a word "[redacted]"');
    registerSecret('EMPTY'); // placeholder keys of local servers are not registered process-wide: they would mangle outputs
    expect(redactSecrets('EMPTY answer')).toBe('EMPTY answer');
  });

  it('cuts registered secrets from every later text, and URL credentials', () => {
    registerSecret('sk-registered-7f3e2d1c');
    expect(redactSecrets('echo sk-registered-7f3e2d1c and sk-registered-7f***')).toBe('echo [redacted] and [redacted]***');
    expect(redactSecrets('GET http://alice:hunter2pass@host:8000/v1 failed')).toBe('GET http://[redacted]@host:8000/v1 failed');
  });

  it('cuts URL userinfo wherever it is among URLs and at-signs that are not userinfo', () => {
    const text = 'see https://shop.example/a@b, mail a@b.example, ftp://x/ then\nsvn+ssh://bob:pw@vcs.example/r and "https://c:d@e"';
    expect(redactSecrets(text)).toBe(
      'see https://shop.example/a@b, mail a@b.example, ftp://x/ then\nsvn+ssh://[redacted]@vcs.example/r and "https://[redacted]@e"',
    );
    // the same text without userinfo comes back as it was; so does a userinfo broken by a space or a quote
    const clean = 'https://shop.example/a@b https://u v@h https://u"v@h ://@h :// @h';
    expect(redactSecrets(clean)).toBe(clean);
    expect(redactSecrets('x https://u\u00a0v@h y')).toBe('x https://u\u00a0v@h y');
  });

  it('strips query strings and userinfo from a recorded URL and registers their secrets', () => {
    expect(redactUrl('https://user:pw-12345678@gw.example/v1?api-key=qk-abcdefgh123&api-version=2024-02-01')).toBe('https://gw.example/v1');
    const recorded = registerUrlSecrets('https://gw.example/v1?api-key=qk-9z8y7x6w5v&api-version=2024-02-01');
    expect(recorded).toBe('https://gw.example/v1');
    expect(redactSecrets('echo qk-9z8y7x6w5v; version 2024-02-01')).toBe('echo [redacted]; version 2024-02-01');
  });
});
