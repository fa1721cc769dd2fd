import type { JsonValue } from '../dataset/row';

/**
 * A few-shot example's answer as the model should write it: the truth as a Python literal, which is what the
 * official parsers read back (`2`, `[3, 1, 2]`, `['usb cable', 'charger']`); a text truth as it is.
 */
export function exampleAnswer(truth: JsonValue): string {
  return typeof truth === 'string' ? truth : pythonLiteral(truth);
}

function pythonLiteral(value: JsonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  const entries = Object.entries(value as Readonly<Record<string, JsonValue>>);
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item)}`).join(', ')}}`;
}

/** Python's repr of a str: single quotes unless the text has one and no double quote. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}
