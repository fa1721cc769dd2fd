import type { ProviderList } from '../../providers/registry';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** Markdown: one row per registered provider (its model rule, its flags, the environment variables it reads, never their values). */
export function renderProviderDocs(providers: ProviderList): string[] {
  const rows = providers.map((definition) => {
    const model = 'default' in definition.model ? `\`${definition.model.default}\` (${definition.model.names})` : 'required';
    const flags = Object.keys(definition.flags).map((name) => `\`--${name}\``);
    const variables = definition.environment.map((variable) => `\`${variable.name}\`: ${variable.describe}`);
    return `| \`${definition.name}\` | ${cell(definition.describe)} | ${cell(model)} | ${flags.join(', ') || '-'} | ${cell(variables.join('; ')) || '-'} |`;
  });
  return [
    '**Providers** (`--provider`)',
    '',
    '| provider | what answers | `--model` | its flags | environment |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}
