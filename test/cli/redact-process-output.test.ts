import { redactProcessOutput, registerProcessSecrets } from '../../src/cli/redact-process-output';
import { redactSecrets } from '../../src/providers/redact-secrets';

describe('the CLI registers every secret of its command line and environment, and guards stdout/stderr', () => {
  it('registers --api-key (both spellings), URL query secrets and *_API_KEY/*_TOKEN variables, but not paths', () => {
    registerProcessSecrets(
      [
        'run',
        '--api-key=sk-flag-inline-11223344',
        '--api-key',
        'sk-flag-spaced-55667788',
        '--embedding-base-url',
        'http://h/v1?access_token=tok-url-99aabbcc',
      ],
      {
        MY_SERVICE_API_KEY: 'env-key-ddeeff00',
        HF_TOKEN: 'hf_abcdefgh12345678',
        TLS_KEY: '/etc/ssl/private/server.key',
      },
    );
    const text =
      'sk-flag-inline-11223344 sk-flag-spaced-55667788 tok-url-99aabbcc env-key-ddeeff00 hf_abcdefgh12345678 /etc/ssl/private/server.key';
    expect(redactSecrets(text)).toBe('[redacted] [redacted] [redacted] [redacted] [redacted] /etc/ssl/private/server.key');
  });

  it("redacts and defuses every chunk written to the guarded streams, keeping the progress bar's erase-line", () => {
    registerProcessSecrets([], { OTHER_API_KEY: 'sk-stream-0a1b2c3d4e' });
    const written: string[] = [];
    const stream = { write: (chunk: unknown) => written.push(String(chunk)) > 0 } as unknown as NodeJS.WriteStream;
    const restore = redactProcessOutput([stream]);
    stream.write('key sk-stream-0a1b2c3d4e\n');
    stream.write(Buffer.from('task \u001b]0;title\u0007 \u009b2J\n'));
    stream.write('\r[####] 3/10\u001b[K');
    restore();
    stream.write('\u001b[2J');
    expect(written).toEqual(['key [redacted]\n', 'task \\u001b]0;title\\u0007 \\u009b2J\n', '\r[####] 3/10\u001b[K', '\u001b[2J']);
  });
});
