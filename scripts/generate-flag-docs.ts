import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfigSchema } from '../src/cli/flags/config-schema';
import { FLAG_DOCS_END, FLAG_DOCS_START, renderFlagDocs } from '../src/cli/flags/flag-docs';

/** Rewrites what the flag tables produce: src/schemas/config.schema.json and the README's flag list. */
function main(root: string): void {
  writeFileSync(join(root, 'src', 'schemas', 'config.schema.json'), `${JSON.stringify(buildConfigSchema(), null, 2)}\n`);
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(FLAG_DOCS_START);
  const end = readme.indexOf(FLAG_DOCS_END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${FLAG_DOCS_START}" ... "${FLAG_DOCS_END}" block to fill`);
  writeFileSync(readmePath, readme.slice(0, start) + renderFlagDocs() + readme.slice(end + FLAG_DOCS_END.length));
  process.stdout.write('wrote src/schemas/config.schema.json and the flag list in README.md\n');
}

main(join(__dirname, '..', '..'));
