import type { ErrorObject } from 'ajv';
import { rowSchemaValidator } from './row-schema-validator';

/** The raw row as it appears in the file, after validation. */
export interface RawRow {
  readonly id?: string | number;
  readonly input_field: string;
  /** Absent in a test-set row. */
  readonly output_field?: unknown;
  /** Required when output_field is given. */
  readonly task_type?: string;
  readonly metric?: string;
  readonly task_name?: string;
  readonly track?: string;
  readonly is_multiple_choice?: boolean;
}

/** The row, or why it is invalid (one sentence naming the field). */
export type RowValidator = (value: unknown) => { row: RawRow } | { reason: string };

/** The row schema's validator, made once per dataset (see src/schemas/shopbench-row.schema.json for what a row may contain). */
export function createRowValidator(): RowValidator {
  const validate = rowSchemaValidator();
  return (value) => (validate(value) ? { row: value as RawRow } : { reason: describeAjvErrors(validate.errors ?? [], value) });
}

/** Turns ajv's errors into one sentence about the most specific field, e.g. `metric "hit rate@5" is not one of ...`. */
export function describeAjvErrors(errors: readonly ErrorObject[], value: unknown): string {
  // `if` keywords only say that a `then` failed; the `then` error that follows carries the detail.
  const useful = errors.filter((error) => error.keyword !== 'if' && error.keyword !== 'anyOf');
  // a missing or unknown field explains the rest (e.g. the truth shape depends on task_type)
  const chosen =
    useful.find((error) => error.keyword === 'required') ?? useful.find((error) => error.keyword === 'enum') ?? useful[0] ?? errors[0];
  if (chosen === undefined) return 'row does not match the ShopBench row schema';
  return describeOne(chosen, value);
}

function describeOne(error: ErrorObject, value: unknown): string {
  const field = fieldName(error.instancePath);
  const actual = readPath(value, error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params['missingProperty']);
      // only a row without a truth needs is_multiple_choice: name the truth first, it is the likelier omission
      if (missing === 'is_multiple_choice')
        return 'missing required field "output_field" (a test-set row, without it, needs "is_multiple_choice")';
      return `missing required field "${missing}"`;
    }
    case 'enum': {
      const allowed = (error.params['allowedValues'] as readonly unknown[]).join(', ');
      return `${field} ${JSON.stringify(actual)} is not one of ${allowed}`;
    }
    case 'type':
      return `${field} must be ${describeType(String(error.params['type']))}, got ${JSON.stringify(actual) ?? 'nothing'}`;
    case 'minItems':
      return `${field} must not be an empty list`;
    case 'minimum':
      return `${field} must be at least ${String(error.params['limit'])}, got ${JSON.stringify(actual)}`;
    case 'minLength':
      return `${field} must not be empty`;
    default:
      return `${field} ${error.message ?? 'is invalid'}`;
  }
}

function describeType(type: string): string {
  return type
    .split(',')
    .map((part) => (part === 'array' ? 'a list' : part === 'integer' ? 'an integer' : `a ${part}`))
    .join(' or ');
}

function fieldName(instancePath: string): string {
  if (instancePath === '') return 'row';
  const parts = instancePath.slice(1).split('/');
  return parts.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function readPath(value: unknown, instancePath: string): unknown {
  if (instancePath === '') return value;
  let current: unknown = value;
  for (const part of instancePath.slice(1).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
