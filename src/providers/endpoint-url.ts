import { ConfigError } from '../errors';

/** Which flag and environment variable a URL came from, for messages that say where to fix it. */
export interface UrlSource {
  readonly variable: 'OPENAI_BASE_URL' | 'OLLAMA_HOST';
}

/** An http(s) URL without a trailing slash; anything else is a ConfigError naming --base-url and the variable. */
export function checkBaseUrl(value: string, source: UrlSource): string {
  const parsed = parseHttpUrl(value.trim(), source);
  if (parsed.username !== '' || parsed.password !== '') {
    // never echo the URL: it holds a password
    throw new ConfigError(`--base-url / ${source.variable} holds credentials (user:password@host), which fetch cannot send`, {
      hint:
        source.variable === 'OLLAMA_HOST'
          ? 'Remove them from the URL.'
          : 'Remove them from the URL and pass the key with --api-key or OPENAI_API_KEY.',
    });
  }
  return withoutTrailingSlash(parsed);
}

/**
 * OLLAMA_HOST as the ollama client reads it: `127.0.0.1:11434`, `:11434`, `host` (port 11434) or a full URL, normalised
 * to `http://host:port[/path]` so every spelling of one server shares a recorded endpoint and a cache namespace.
 */
export function normaliseOllamaHost(value: string): string {
  let host = value.trim();
  if (host.startsWith(':')) host = `127.0.0.1${host}`;
  const explicitScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host);
  const parsed = parseHttpUrl(explicitScheme ? host : `http://${host}`, { variable: 'OLLAMA_HOST' });
  if (!explicitScheme && parsed.port === '') parsed.port = '11434'; // the ollama client's default port
  return checkBaseUrl(parsed.toString(), { variable: 'OLLAMA_HOST' });
}

function parseHttpUrl(value: string, source: UrlSource): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    const example = source.variable === 'OLLAMA_HOST' ? 'http://127.0.0.1:11434' : 'http://127.0.0.1:8000/v1';
    const shown = value.includes('@') ? 'the URL given' : JSON.stringify(value); // it may hold a password
    throw new ConfigError(`--base-url / ${source.variable}: ${shown} is not an http(s) URL`, {
      hint: `Pass --base-url (e.g. ${example}) or set ${source.variable}.`,
    });
  }
  return parsed;
}

function withoutTrailingSlash(url: URL): string {
  const text = url.toString();
  return text.endsWith('/') ? text.slice(0, -1) : text;
}
