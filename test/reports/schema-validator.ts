import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './golden';

/** Validates a document against src/schemas/<name>.schema.json (with the report schema loaded for $refs). */
export function validateDocument(schemaName: 'report' | 'comparison' | 'leaderboard', document: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const name of ['report', 'comparison', 'leaderboard']) {
    ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'src', 'schemas', `${name}.schema.json`), 'utf8')) as object);
  }
  const validate = ajv.getSchema(`https://shopeval.dev/schemas/${schemaName}.schema.json`);
  if (!validate) throw new Error(`schema ${schemaName} not found`);
  return validate(JSON.parse(JSON.stringify(document)))
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
