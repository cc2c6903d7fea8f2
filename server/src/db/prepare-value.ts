// A parameter as node-postgres sends it to a PostgreSQL server (text format): the embedded database's wire
// protocol path (database.ts) sends the same text, so that both databases get identical values.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const utils = require('pg/lib/utils.js') as { prepareValue: (value: unknown) => string | Buffer | null };

/** The text (or bytes, for a Buffer) that node-postgres would send for a value; null for null and undefined. */
export function prepareValue(value: unknown): string | Buffer | null {
  return utils.prepareValue(value);
}
