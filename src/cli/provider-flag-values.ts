import { ConfigError } from '../errors';
import type { RunProviderOptions } from '../pipeline/run-options';
import type { ProviderFlagTable } from '../providers/provider-flag-table';
import { findProvider, PROVIDERS, type ProviderList } from '../providers/registry';
import type { FlagValues } from './flags/flag-spec';

type ProviderFlagValues = FlagValues<ProviderFlagTable<typeof PROVIDERS>>;

/** A flag of other providers given with one that does not read it: refused, not silently dropped. */
function refuseForeignFlags(given: Readonly<Record<string, unknown>>, provider: string, providers: ProviderList): void {
  const own = findProvider(provider, providers)?.flags ?? {};
  for (const definition of providers)
    for (const name of Object.keys(definition.flags))
      if (given[name] !== undefined && !(name in own)) {
        const readers = providers.filter((other) => name in other.flags).map((other) => other.name);
        throw new ConfigError(`--${name} is not read by --provider ${provider}`, {
          hint: `It is a flag of --provider ${readers.join(' / ')}: remove it, or name that provider.`,
        });
      }
}

/**
 * `--provider`, `--model` and the named provider's own flags as the library's provider options: each flag fills the
 * option its definition names (`--base-url` fills `baseURL`); the run's `--seed` goes to every provider.
 */
export function providerOptionsOf(
  values: ProviderFlagValues,
  seed: number | undefined,
  providers: ProviderList = PROVIDERS,
): RunProviderOptions {
  const options: Record<string, unknown> = { provider: values.provider };
  if (values.model !== undefined) options['model'] = values.model;
  const given: Readonly<Record<string, unknown>> = values;
  refuseForeignFlags(given, values.provider, providers);
  for (const [name, flag] of Object.entries(findProvider(values.provider, providers)?.flags ?? {}))
    if (given[name] !== undefined) options[flag.option] = given[name];
  if (seed !== undefined) options['seed'] = seed;
  return options as RunProviderOptions; // keys are the definitions' own options, checked again by resolveRunOptions
}
