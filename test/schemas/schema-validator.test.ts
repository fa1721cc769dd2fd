import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import rowSchema from '../../src/schemas/shopbench-row.schema.json';
import { compileSchema, compiledSchemaFile, loadCompiledSchema, type SchemaDocument } from '../../src/schemas/schema-validator';
import { STANDALONE_SCHEMAS } from '../../src/schemas/standalone-schemas';
import { DEV_SET, fakeRunOptions, temporaryDirectory } from '../e2e/run-fixtures';

const ROOT = join(__dirname, '..', '..');
const BUILT_COMPILED = join(ROOT, 'dist', 'src', 'schemas', 'compiled');
const jsonLines = (file: string): unknown[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);

/** Each top-level field of a valid document removed, and set to values of the wrong type: most are invalid. */
function broken(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const without = Object.fromEntries(Object.entries(value).filter(([other]) => other !== key));
    return [without, { ...value, [key]: 'x' }, { ...value, [key]: -1 }, { ...value, [key]: null }, { ...value, [key]: [{}] }];
  });
}

/** Valid documents of each schema, from the committed fixtures and one builtin run's own files. */
async function validDocuments(): Promise<Map<string, unknown[]>> {
  const out = temporaryDirectory('schemas');
  await runEvaluation(fakeRunOptions(out, { provider: { provider: 'builtin', model: 'lexical' }, timeoutMs: 30_000 }));
  const runs = ['dev-baseline', 'dev-candidate', 'dev-oracle'].map((name) => join(ROOT, 'fixtures', 'runs', name));
  const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return new Map<string, unknown[]>([
    [rowSchema.$id, [...jsonLines(DEV_SET), ...jsonLines(join(ROOT, 'fixtures', 'datasets', 'shopbench-dev-test-set.jsonl'))]],
    [
      'https://shopeval.dev/schemas/items-line.schema.json',
      [...runs.flatMap((run) => jsonLines(join(run, 'items.jsonl'))), ...jsonLines(join(out, 'items.jsonl'))],
    ],
    [
      'https://shopeval.dev/schemas/manifest.schema.json',
      [...runs.map((run) => read(join(run, 'manifest.json'))), read(join(out, 'manifest.json'))],
    ],
    ['https://shopeval.dev/schemas/responses-line.schema.json', jsonLines(join(out, 'responses.jsonl'))],
    [
      'https://shopeval.dev/schemas/summary.schema.json',
      [...runs.map((run) => read(join(run, 'summary.json'))), read(join(out, 'summary.json'))],
    ],
  ]);
}

describe('the standalone validators the build writes', () => {
  let documents: Map<string, unknown[]>;
  beforeAll(async () => {
    documents = await validDocuments();
  }, 60_000);

  it.each(STANDALONE_SCHEMAS.map((schema) => [schema.$id.replace(/^.*\//, ''), schema] as const))(
    '%s: in the build, and answering valid and broken documents exactly as ajv compiling the schema at run time does, errors included',
    (_name, schema: SchemaDocument) => {
      const built = loadCompiledSchema(schema, BUILT_COMPILED);
      if (built === undefined) throw new Error(`no ${compiledSchemaFile(schema, BUILT_COMPILED)} for this schema: run npm run build`);
      const runtime = compileSchema(schema).validate;
      const valid = documents.get(schema.$id) ?? [];
      expect(valid.length).toBeGreaterThan(0);
      let rejected = 0;
      for (const value of [...valid, ...valid.slice(0, 6).flatMap(broken), null, [], 'document', {}]) {
        const verdict = built(value);
        expect(verdict).toBe(runtime(value));
        expect(built.errors ?? null).toEqual(runtime.errors ?? null);
        if (!verdict) rejected += 1;
      }
      for (const value of valid) expect(built(value)).toBe(true);
      expect(rejected).toBeGreaterThan(10);
    },
  );

  it('is not used when made from another schema text (a build by tsc alone after the schema changed), nor when missing', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shopeval-schema-'));
    expect(loadCompiledSchema(rowSchema, directory)).toBeUndefined();
    const file = compiledSchemaFile(rowSchema, directory);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'module.exports.validate = () => true;\nmodule.exports.schemaText = "{}";\n');
    expect(loadCompiledSchema(rowSchema, directory)).toBeUndefined();
  });
});
