import itemSchema from './items-line.schema.json';
import manifestSchema from './manifest.schema.json';
import responseSchema from './responses-line.schema.json';
import rowSchema from './shopbench-row.schema.json';
import summarySchema from './summary.schema.json';
import type { SchemaDocument } from './schema-validator';

/** The schemas a run checks data against (dataset rows, the run files it reads back): the build compiles each ahead of time. */
export const STANDALONE_SCHEMAS: readonly SchemaDocument[] = [rowSchema, itemSchema, manifestSchema, responseSchema, summarySchema];
