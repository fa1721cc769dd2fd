/**
 * Writes ajv's standalone validator of each schema a run checks data against into the build
 * (dist/src/schemas/compiled/), with the schema text it was made from: a run then loads plain code instead of
 * requiring and running ajv's compiler. Run by `npm run build`; src/schemas/schema-validator.ts uses a file only when
 * its schema text matches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compileSchema, compiledSchemaFile, schemaText, type SchemaDocument } from '../src/schemas/schema-validator';
import { STANDALONE_SCHEMAS } from '../src/schemas/standalone-schemas';

type Compiled = ReturnType<typeof compileSchema>;
/** ajv's standalone module code for a compiled validator. */
type StandaloneCode = (ajv: Compiled['ajv'], validate: Compiled['validate']) => string;

function writeStandalone(schema: SchemaDocument, standaloneCode: StandaloneCode): void {
  const { ajv, validate } = compileSchema(schema, true);
  const target = compiledSchemaFile(schema);
  mkdirSync(dirname(target), { recursive: true });
  const footer = `module.exports.validate = module.exports.default;\nmodule.exports.schemaText = ${JSON.stringify(schemaText(schema))};\n`;
  writeFileSync(target, `${standaloneCode(ajv, validate)}\n${footer}`);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const standalone = (require('ajv/dist/standalone') as { default: StandaloneCode }).default;
for (const schema of STANDALONE_SCHEMAS) writeStandalone(schema, standalone);
