/**
 * Writes ajv's standalone validator of the ShopBench row schema into the build (dist/src/schemas/compiled/), with
 * the schema text it was made from: a run then loads plain code instead of requiring and running ajv's compiler.
 * Run by `npm run build`; src/dataset/row-schema-validator.ts uses the file only when its schema text matches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMPILED_ROW_SCHEMA, ROW_SCHEMA_TEXT, compileRowSchema } from '../src/dataset/row-schema-validator';

/** ajv's standalone module code for a compiled validator. */
type StandaloneCode = (
  ajv: ReturnType<typeof compileRowSchema>['ajv'],
  validate: ReturnType<typeof compileRowSchema>['validate'],
) => string;

function main(builtDataset: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const standaloneCode = (require('ajv/dist/standalone') as { default: StandaloneCode }).default;
  const { ajv, validate } = compileRowSchema(true);
  const code = standaloneCode(ajv, validate);
  const target = join(builtDataset, COMPILED_ROW_SCHEMA);
  mkdirSync(dirname(target), { recursive: true });
  const footer = `module.exports.validate = module.exports.default;\nmodule.exports.schemaText = ${JSON.stringify(ROW_SCHEMA_TEXT)};\n`;
  writeFileSync(target, `${code}\n${footer}`);
}

main(join(__dirname, '..', 'src', 'dataset'));
