import rowSchema from '../schemas/shopbench-row.schema.json';
import { schemaValidator, type SchemaValidateFunction } from '../schemas/schema-validator';

export type { SchemaValidateFunction } from '../schemas/schema-validator';

/** The ShopBench row schema's validate function: the build's standalone code, or compiled on first use. */
export const rowSchemaValidator: () => SchemaValidateFunction = schemaValidator(rowSchema);
