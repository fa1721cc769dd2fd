/**
 * A JSON Schema's validator. Compiling with ajv costs ~0.1-0.3 s per process (ajv's require and its code generation),
 * a large part of a short run; `npm run build` therefore writes ajv's standalone code for each schema a run checks
 * into `compiled/` beside the built schemas (scripts/compile-schemas.ts). This module loads that file when it was made
 * from the very schema text this build carries, and compiles at run time otherwise (tests run from src/, a build by tsc
 * alone).
 */
import type { ErrorObject } from 'ajv';
import { basename, join } from 'node:path';
import { loadAjv } from '../util/load-ajv';

/** A schema document as imported from its .json file; its `$id` names the compiled file. */
export interface SchemaDocument {
  readonly $id: string;
}

/** The options both ways of compiling use: every error (messages pick the most specific one), unknown keywords allowed. */
export const SCHEMA_AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** ajv's validate function: true (the value is a T) or false, with `errors` set after a false. */
export interface SchemaValidateFunction<T = unknown> {
  (value: unknown): value is T;
  errors?: ErrorObject[] | null;
}

interface CompiledModule {
  readonly validate?: unknown;
  readonly schemaText?: unknown;
}

/** The directory the build writes standalone validators into, beside this module. */
export const COMPILED_DIRECTORY = join(__dirname, 'compiled');

/** The standalone validator's file: `<schema name>.js` (e.g. responses-line.js for responses-line.schema.json). */
export function compiledSchemaFile(schema: SchemaDocument, directory: string = COMPILED_DIRECTORY): string {
  return join(directory, `${basename(schema.$id).replace(/\.schema\.json$/, '')}.js`);
}

/** The schema as a compiled file records it: the file is used only for exactly this text. */
export function schemaText(schema: SchemaDocument): string {
  return JSON.stringify(schema);
}

/** The standalone validator written by the build, when it matches this schema; undefined otherwise. */
export function loadCompiledSchema<T>(
  schema: SchemaDocument,
  directory: string = COMPILED_DIRECTORY,
): SchemaValidateFunction<T> | undefined {
  let compiled: CompiledModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    compiled = require(compiledSchemaFile(schema, directory)) as CompiledModule;
  } catch {
    return undefined; // not built (tests run from src/): compile at run time
  }
  if (compiled.schemaText !== schemaText(schema) || typeof compiled.validate !== 'function') return undefined; // a stale build
  return compiled.validate as SchemaValidateFunction<T>;
}

/** Compiles the schema with ajv; `source` keeps the generated code for ajv's standalone output. */
export function compileSchema<T>(
  schema: SchemaDocument,
  source = false,
): { validate: SchemaValidateFunction<T>; ajv: InstanceType<ReturnType<typeof loadAjv>> } {
  const Ajv = loadAjv();
  const ajv = new Ajv({ ...SCHEMA_AJV_OPTIONS, ...(source ? { code: { source: true } } : {}) });
  return { validate: ajv.compile<T>(schema), ajv };
}

/** The schema's validate function, made on first use: the build's standalone code, or compiled then. */
export function schemaValidator<T>(schema: SchemaDocument): () => SchemaValidateFunction<T> {
  let validate: SchemaValidateFunction<T> | undefined;
  return () => (validate ??= loadCompiledSchema<T>(schema) ?? compileSchema<T>(schema).validate);
}
