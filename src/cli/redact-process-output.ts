import { redactSecrets, registerSecret, registerUrlSecrets } from '../providers/redact-secrets';
import { inertTerminalOutput } from '../util/inert-text';
import type { EnvironmentVariable } from '../providers/provider-definition';
import { PROVIDERS } from '../providers/registry';

// environment variables whose values are credentials (OPENAI_API_KEY, SHOPEVAL_EMBEDDING_API_KEY, HF_TOKEN...)
const SECRET_VARIABLE = /(^|_)(API_KEY|KEY|TOKEN|SECRET|PASSWORD)$/i;
// the providers' own: a flag whose variable holds a key or a URL holds one too (--api-key, --base-url)
const PROVIDER_VARIABLES = PROVIDERS.flatMap((definition) => definition.environment);
const flagsHolding = (holds: EnvironmentVariable['holds']): string[] =>
  PROVIDER_VARIABLES.flatMap((variable) => (variable.holds === holds && variable.flag !== undefined ? [`--${variable.flag}`] : []));
const SECRET_FLAGS = new Set(flagsHolding('secret'));
const URL_FLAGS = new Set([...flagsHolding('url'), '--embedding-base-url', '--ollama-host']);
const URL_VARIABLES = [...new Set(PROVIDER_VARIABLES.filter((variable) => variable.holds === 'url').map((variable) => variable.name))];

/** A key or token, not a path or URL (TLS_KEY=/etc/ssl/key.pem): cutting those would mangle ordinary text. */
function looksLikeToken(value: string): boolean {
  return !/^[/.~]|:\/\/|\s/.test(value);
}

/** Registers every secret the command line and the environment hold, before anything can print or write one. */
export function registerProcessSecrets(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(environment))
    if (value !== undefined && SECRET_VARIABLE.test(name) && looksLikeToken(value)) registerSecret(value);
  for (const name of URL_VARIABLES) if (environment[name] !== undefined) registerUrlSecrets(environment[name] ?? '');
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const [flag = '', inline] =
      argument.startsWith('--') && argument.includes('=')
        ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
        : [argument, undefined];
    const value = inline ?? argv[index + 1];
    if (value === undefined) continue;
    if (SECRET_FLAGS.has(flag)) registerSecret(value);
    if (URL_FLAGS.has(flag)) registerUrlSecrets(value);
  }
}

type Write = typeof process.stdout.write;

function safe(text: string): string {
  return inertTerminalOutput(redactSecrets(text));
}

/**
 * The last line of defence: every chunk written to stdout and stderr is redacted, and control characters from data or
 * servers (task names, ids, error text) are made visible instead of acting on the terminal. Returns the undo function.
 */
export function redactProcessOutput(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): () => void {
  const originals = streams.map((stream) => stream.write);
  streams.forEach((stream, index) => {
    const original = originals[index] as Write;
    const redacting = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      const text =
        typeof chunk === 'string' ? safe(chunk) : chunk instanceof Uint8Array ? safe(Buffer.from(chunk).toString('utf8')) : chunk;
      return (original as (chunk: unknown, ...rest: unknown[]) => boolean).call(this, text, ...rest);
    };
    stream.write = redacting as Write;
  });
  return () => streams.forEach((stream, index) => (stream.write = originals[index] as Write));
}
