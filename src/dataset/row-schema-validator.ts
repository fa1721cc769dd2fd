/**
 * The compiled ShopBench row schema. Compiling it with ajv costs ~0.1-0.3 s per process (ajv's require and its code
 * generation), a large part of a dev-set run; `npm run build` therefore writes ajv's standalone code for it next to
 * the built schemas (scripts/compile-schemas.ts), and this module loads that file when it was made from the very
 * schema text this build carries, compiling at run time otherwise (tests run from src/, a build by tsc alone).
 */
import type { ErrorObject } from 'ajv';
import { join } from 'node:path';
import rowSchema from '../schemas/shopbench-row.schema.json';
import { loadAjv } from '../util/load-ajv';

/** The options both ways of compiling use: every error (the message picks the most specific one), unknown keywords allowed. */
export const ROW_SCHEMA_AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** Where the build writes the standalone validator, relative to this module's directory. */
export const COMPILED_ROW_SCHEMA = join('..', 'schemas', 'compiled', 'shopbench-row.js');

/** The row schema as the compiled file records it: the file is used only for exactly this text. */
export const ROW_SCHEMA_TEXT = JSON.stringify(rowSchema);

/** ajv's validate function: true or false, with `errors` set after a false. */
export interface SchemaValidateFunction {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

interface CompiledModule {
  readonly validate?: unknown;
  readonly schemaText?: unknown;
}

/** The standalone validator written by the build, when it matches this schema; undefined otherwise. */
export function loadCompiledRowSchema(directory: string = __dirname): SchemaValidateFunction | undefined {
  let compiled: CompiledModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    compiled = require(join(directory, COMPILED_ROW_SCHEMA)) as CompiledModule;
  } catch {
    return undefined; // not built (tests run from src/): compile at run time
  }
  if (compiled.schemaText !== ROW_SCHEMA_TEXT || typeof compiled.validate !== 'function') return undefined; // a stale build
  return compiled.validate as SchemaValidateFunction;
}

/** Compiles the row schema with ajv; `source` keeps the generated code for ajv's standalone output. */
export function compileRowSchema(source = false): { validate: SchemaValidateFunction; ajv: InstanceType<ReturnType<typeof loadAjv>> } {
  const Ajv = loadAjv();
  const ajv = new Ajv({ ...ROW_SCHEMA_AJV_OPTIONS, ...(source ? { code: { source: true } } : {}) });
  return { validate: ajv.compile(rowSchema), ajv };
}

/** The row schema's validate function: the build's standalone code, or compiled now. */
export function rowSchemaValidator(): SchemaValidateFunction {
  return loadCompiledRowSchema() ?? compileRowSchema().validate;
}
