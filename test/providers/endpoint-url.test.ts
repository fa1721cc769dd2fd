import { ConfigError } from '../../src/errors';
import { createProvider } from '../../src/providers/create-provider';
import { checkBaseUrl, normaliseOllamaHost } from '../../src/providers/endpoint-url';

describe('endpoint URLs', () => {
  it('refuses a base URL that is not an http(s) URL, naming --base-url and the variable', async () => {
    await expect(createProvider({ provider: 'openai-compatible', model: 'm', baseURL: 'notaurl', environment: {} })).rejects.toThrow(
      ConfigError,
    );
    await expect(createProvider({ provider: 'openai-compatible', model: 'm', baseURL: 'notaurl', environment: {} })).rejects.toThrow(
      /--base-url \/ OPENAI_BASE_URL: "notaurl" is not an http\(s\) URL/,
    );
    await expect(
      createProvider({ provider: 'openai-compatible', model: 'm', environment: { OPENAI_BASE_URL: 'ftp://host/v1' } }),
    ).rejects.toThrow(/OPENAI_BASE_URL/);
    await expect(createProvider({ provider: 'ollama', model: 'm', baseURL: 'http://', environment: {} })).rejects.toThrow(
      /--base-url \/ OLLAMA_HOST/,
    );
  });

  it('refuses credentials in the URL without echoing the password, pointing at --api-key', async () => {
    const error = await createProvider({
      provider: 'openai-compatible',
      model: 'm',
      baseURL: 'http://user:hunter2secret@127.0.0.1:8000/v1',
      environment: {},
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    const text = `${(error as ConfigError).message} ${(error as ConfigError).hint ?? ''}`;
    expect(text).toMatch(/--api-key or OPENAI_API_KEY/);
    expect(text).not.toContain('hunter2secret');
    expect(() => checkBaseUrl('user:hunter2secret@host', { variable: 'OPENAI_BASE_URL' })).toThrow(ConfigError);
    try {
      checkBaseUrl('user:hunter2secret@host', { variable: 'OPENAI_BASE_URL' });
    } catch (thrown) {
      expect((thrown as Error).message).not.toContain('hunter2secret');
    }
  });

  it('normalises every spelling of an Ollama host to one full URL without a trailing slash', async () => {
    const spellings = ['127.0.0.1:11434', 'http://127.0.0.1:11434', 'http://127.0.0.1:11434/', ' 127.0.0.1 ', ':11434'];
    expect(spellings.map(normaliseOllamaHost)).toEqual(Array(spellings.length).fill('http://127.0.0.1:11434'));
    expect(normaliseOllamaHost('https://ollama.example:8443/base/')).toBe('https://ollama.example:8443/base');
    const fromEnvironment = await createProvider({ provider: 'ollama', model: 'm', environment: { OLLAMA_HOST: '127.0.0.1:11434' } });
    const fromFlag = await createProvider({ provider: 'ollama', model: 'm', baseURL: 'http://127.0.0.1:11434/', environment: {} });
    expect(fromEnvironment.description).toEqual(fromFlag.description);
    expect(fromFlag.description.endpoint).toBe('http://127.0.0.1:11434');
  });

  it('strips a trailing slash from an OpenAI-compatible base URL', () => {
    expect(checkBaseUrl('http://127.0.0.1:8000/v1/', { variable: 'OPENAI_BASE_URL' })).toBe('http://127.0.0.1:8000/v1');
  });
});
