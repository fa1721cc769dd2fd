import { COMMAND_SECTIONS, CONFIG_SECTIONS, type ConfigSection } from './command-flags';
import { expectedNumber, FLAG_GROUPS, type FlagSpec } from './flag-spec';
import { renderProviderDocs } from './provider-docs';
import { PROVIDERS } from '../../providers/registry';

/** The README's flag list sits between these two lines; a test keeps it equal to renderFlagDocs(). */
export const FLAG_DOCS_START = '<!-- flags: generated from src/cli/flags by `npm run generate:flags`; do not edit by hand -->';
export const FLAG_DOCS_END = '<!-- /flags -->';

function valueText(flag: FlagSpec): string {
  switch (flag.type) {
    case 'string':
      return flag.path === undefined ? 'text' : flag.path === 'path' ? 'path' : 'path or name';
    case 'choice':
      return flag.choices.join(' | ');
    case 'list':
      return 'repeatable';
    case 'boolean':
      return 'switch';
    case 'integer':
    case 'number':
      return expectedNumber(flag).replace(/^an? /, '');
  }
}

function defaultText(flag: FlagSpec): string {
  if (flag.required) return 'required';
  if (flag.defaultDescription !== undefined) return flag.defaultDescription;
  if (flag.type === 'boolean') return flag.default ? 'on' : 'off';
  return 'default' in flag && flag.default !== undefined ? `\`${String(flag.default)}\`` : '';
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;'); // <model> would be read as an HTML tag

function sectionTitle(section: ConfigSection): string {
  if (section !== 'embeddings') return `\`shopeval ${section}\``;
  const users = Object.entries(COMMAND_SECTIONS).filter(([, sections]) => (sections as readonly string[]).includes('embeddings'));
  return `Embedding flags (${users.map(([command]) => `\`${command}\``).join(', ')})`;
}

/** Markdown: one table per config section, flags in help-group order; a flag a config file cannot set is marked. */
export function renderFlagDocs(): string {
  const order = Object.keys(FLAG_GROUPS);
  const parts: string[] = [];
  for (const [section, { flags }] of Object.entries(CONFIG_SECTIONS) as [ConfigSection, (typeof CONFIG_SECTIONS)[ConfigSection]][]) {
    const entries = Object.entries(flags as Readonly<Record<string, FlagSpec>>).sort(
      ([, a], [, b]) => order.indexOf(a.group) - order.indexOf(b.group),
    );
    parts.push(`**${sectionTitle(section)}**`, '', '| flag | value | default | what it does |', '|---|---|---|---|');
    for (const [name, flag] of entries) {
      const onlyOnCommandLine = flag.configurable === false ? ' (command line only)' : '';
      parts.push(`| \`--${name}\` | ${cell(valueText(flag))} | ${cell(defaultText(flag))} | ${cell(flag.describe)}${onlyOnCommandLine} |`);
    }
    parts.push('');
    if (section === 'run') parts.push(...renderProviderDocs(PROVIDERS));
  }
  return [FLAG_DOCS_START, '', ...parts, FLAG_DOCS_END].join('\n');
}
