// ajv loads on first use (~50 ms with its URI parser), so `--help` and commands without a config file or a
// dataset never pay for it.
type AjvModule = typeof import('ajv');

/** ajv's constructor, required when a schema is first compiled. */
export function loadAjv(): AjvModule['default'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ajv') as AjvModule).default;
}
