import { redactSecrets } from '../../src/providers/redact-secrets';
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
