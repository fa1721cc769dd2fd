import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { COMPILED_ROW_SCHEMA, compileRowSchema, loadCompiledRowSchema } from '../../src/dataset/row-schema-validator';

const ROOT = join(__dirname, '..', '..');
const BUILT_DATASET = join(ROOT, 'dist', 'src', 'dataset');

const devRows = [
  ...readFileSync(join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl'), 'utf8').split('\n'),
  ...readFileSync(join(ROOT, 'fixtures', 'datasets', 'shopbench-dev-test-set.jsonl'), 'utf8').split('\n'),
]
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Valid rows and rows broken in each way the schema checks. */
const cases: unknown[] = [
  ...devRows,
  ...devRows
    .slice(0, 12)
    .flatMap((row) => [
      { ...row, input_field: 3 },
      { ...row, input_field: '' },
      { ...row, metric: 'hit rate@5' },
      { ...row, task_type: 'poetry' },
      { ...row, output_field: row['task_type'] === 'multiple-choice' ? 'A' : [-1] },
      { ...row, output_field: [] },
      { ...row, id: { nested: true } },
      { ...row, is_multiple_choice: 'yes' },
      Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'metric')),
      Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'output_field' && key !== 'is_multiple_choice')),
    ]),
  null,
  [],
  'row',
  {},
];

describe('the row schema validator the build writes', () => {
  it('is in the build and answers every row exactly as ajv compiling the schema at run time does, errors included', () => {
    const built = loadCompiledRowSchema(BUILT_DATASET);
    if (built === undefined) throw new Error(`no ${COMPILED_ROW_SCHEMA} in dist/ for this schema: run npm run build`);
    const runtime = compileRowSchema().validate;
    let invalid = 0;
    for (const value of cases) {
      const valid = built(value);
      expect(valid).toBe(runtime(value));
      expect(built.errors ?? null).toEqual(runtime.errors ?? null);
      if (!valid) invalid += 1;
    }
    expect(invalid).toBeGreaterThan(80); // the broken rows (some breakages are still valid rows, e.g. a test-set row)
  });

  it('is not used when it was made from another schema text (a build by tsc alone after the schema changed), nor when missing', () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'shopeval-row-schema-')), 'dataset');
    expect(loadCompiledRowSchema(directory)).toBeUndefined();
    const file = join(directory, COMPILED_ROW_SCHEMA);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'module.exports.validate = () => true;\nmodule.exports.schemaText = "{}";\n');
    expect(loadCompiledRowSchema(directory)).toBeUndefined();
  });
});
