import type { ErrorObject } from 'ajv';
import { RunDirectoryError } from '../errors';
import { schemaValidator, type SchemaDocument, type SchemaValidateFunction } from '../schemas/schema-validator';

/** A run file's validator, made on first use: the build's standalone code (no ajv in the process), or compiled then. */
export function runFileValidator<T>(schema: SchemaDocument): () => SchemaValidateFunction<T> {
  return schemaValidator<T>(schema);
}

/** The value as the schema's type, or `<file>: <field>: <what is wrong>, <what to do>`. */
export function checkRunFile<T>(validate: SchemaValidateFunction<T>, value: unknown, file: string, whatToDo: string): T {
  if (validate(value)) return value;
  throw new RunDirectoryError(`${file}: ${describeSchemaError(validate.errors ?? [])}, ${whatToDo}`);
}

/** The most telling ajv error as `field: what is wrong` (a missing field names itself; `(top level)` for the document). */
export function describeSchemaError(errors: readonly ErrorObject[]): string {
  const useful = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && error.keyword !== 'if');
  const chosen = useful.find((error) => error.keyword === 'required') ?? useful[0] ?? errors[0];
  if (chosen === undefined) return '(top level): does not match its schema';
  const path = chosen.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (chosen.keyword === 'required') return `${[...path, String(chosen.params['missingProperty'])].join('.')}: missing`;
  if (chosen.keyword === 'enum')
    return `${fieldName(path)}: must be one of ${(chosen.params['allowedValues'] as readonly unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  return `${fieldName(path)}: ${chosen.message ?? 'is invalid'}`;
}

function fieldName(path: readonly string[]): string {
  return path.length === 0 ? '(top level)' : path.join('.');
}
