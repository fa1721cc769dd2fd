import type { ChoiceFlag, FlagSpec, StringFlag } from '../cli/flags/flag-spec';
import type { AnyProviderDefinition, ProviderFlag, UnionToIntersection } from './provider-definition';
import { API_FLAG } from './provider-flags';
import type { ProviderList } from './registry';

/** "a, b or c" */
function inWords(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1] ?? ''}`;
}

/** Values in first-seen order, each with the names of the providers that gave it. */
function grouped(providers: ProviderList, valuesOf: (definition: AnyProviderDefinition) => readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const definition of providers)
    for (const value of valuesOf(definition)) groups.set(value, [...(groups.get(value) ?? []), definition.name]);
  return groups;
}

function providerFlag(providers: ProviderList): ChoiceFlag & { readonly required: true } {
  const answers = [...grouped(providers, (definition) => [definition.answers])].map(([who, names]) => `${who} (${names.join(', ')})`);
  return {
    type: 'choice',
    choices: providers.map((definition) => definition.name),
    required: true,
    group: 'model',
    describe: `Who answers: ${inWords(answers)}`,
  };
}

// alphabetical, so the help reads the same whatever order the registry lists them in (by code unit: the names are
// ASCII, and localeCompare's first call loads ICU's collator, 11-20 ms of every command's start-up)
function modelFlag(providers: ProviderList): StringFlag {
  const defaults = [...providers]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap(({ name, model }) => ('default' in model ? [{ name, ...model }] : []));
  return {
    type: 'string',
    group: 'model',
    describe: ['The served model name', ...defaults.map(({ name, names }) => `${name}: ${names}`)].join('; '),
    defaultDescription: defaults.map(({ name, default: model }) => `${name}: ${model}`).join(', '),
  };
}

/** `--api`: every provider's endpoints; one not every such provider speaks is followed by the providers that do. */
function apiFlag(providers: ProviderList): ChoiceFlag {
  const speakers = providers.filter((definition) => definition.apis !== undefined);
  const apis = grouped(speakers, (definition) => definition.apis ?? []);
  const described = [...apis].map(([api, names]) => (names.length === speakers.length ? api : `${api} (${names.join(', ')})`));
  const defaults = new Set(speakers.map((definition) => definition.apis?.[0] ?? ''));
  return {
    ...API_FLAG.spec,
    choices: [...apis.keys()],
    describe: `Endpoint: ${inWords(described)}`,
    defaultDescription: [...defaults].join(', '),
  };
}

/** A flag with an environment variable behind it shows the variable as its default: "$A, or $B for ollama". */
function withVariables(name: string, spec: FlagSpec, providers: ProviderList): FlagSpec {
  const variables = providers.flatMap((definition) =>
    definition.environment.filter((variable) => variable.flag === name).map((variable) => ({ variable, provider: definition.name })),
  );
  if (variables.length === 0) return spec;
  const text = variables.map(({ variable, provider }, index) =>
    index === 0 ? `$${variable.name}` : `, or $${variable.name} for ${provider}`,
  );
  return { ...spec, defaultDescription: text.join('') };
}

type DeclaredFlags<P extends ProviderList> = UnionToIntersection<P[number]['flags']>;
type SpecOf<F> = F extends ProviderFlag<string, infer Spec> ? Spec : never;

/** The table's type: `--provider` (its choices the names), `--model`, and every flag a provider declares, with its spec's type. */
export type ProviderFlagTable<P extends ProviderList> = {
  readonly provider: ChoiceFlag & { readonly choices: readonly P[number]['name'][]; readonly required: true };
  readonly model: StringFlag;
} & { readonly [Name in keyof DeclaredFlags<P>]: SpecOf<DeclaredFlags<P>[Name]> };

/**
 * The `run` flags the providers declare, derived from the registry: `--provider`, `--model`, then each provider's flags
 * in first-seen order (a shared one once). A flag name two providers declare differently is a programming error.
 */
export function providerFlagTable<const P extends ProviderList>(providers: P): ProviderFlagTable<P> {
  const table: Record<string, FlagSpec> = { provider: providerFlag(providers), model: modelFlag(providers) };
  const declared = new Map<string, ProviderFlag>();
  for (const definition of providers) {
    if ((definition.apis !== undefined) !== (definition.flags['api'] === API_FLAG))
      throw new Error(`provider ${definition.name}: declare apis and API_FLAG together`);
    for (const [name, flag] of Object.entries(definition.flags)) {
      const earlier = declared.get(name);
      if (earlier !== undefined && earlier !== flag)
        throw new Error(`provider ${definition.name}: --${name} is declared by another provider too; share one entry (provider-flags.ts)`);
      if (name in table && earlier === undefined) throw new Error(`provider ${definition.name}: --${name} is a run flag`);
      declared.set(name, flag);
      table[name] = flag === API_FLAG ? apiFlag(providers) : withVariables(name, flag.spec, providers);
    }
  }
  return table as ProviderFlagTable<P>; // built entry by entry from the same declarations the type reads
}

/** Every option key a provider reads from the library's `provider` object (its flags' options). */
export function providerOptionKeys(providers: ProviderList): string[] {
  return [...new Set(providers.flatMap((definition) => Object.values(definition.flags).map((flag) => flag.option)))];
}
