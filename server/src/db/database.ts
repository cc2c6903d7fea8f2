import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { Readable } from 'node:stream';
import pg from 'pg';
import { parse as parseMessages, serialize } from 'pg-protocol';
import { prepareValue } from './prepare-value';

export type Row = Record<string, unknown>;

/** Anything that runs SQL: a transaction handed to a repo. Only repos call it. */
export interface Tx {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn as the transaction's last work before COMMIT (after everything fn of the transaction did), in the order
   * given. The audit chain appends there, so that its lock is held for the shortest time (ADR 0008).
   */
  beforeCommit(fn: () => Promise<void>): void;
  /**
   * Sends a statement (text without parameters: literals written with `sqlLiteral`) together with COMMIT, in the
   * same round trip, after the before-commit work. A lock it takes is then held only inside the database until the
   * commit, never while the server process gets round to sending COMMIT (ADR 0008).
   */
  commitWith(sql: string): void;
}

/** A text as an SQL string literal (as node-postgres' escapeLiteral writes it): for `Tx.commitWith`. */
export function sqlLiteral(text: string): string {
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/**
 * Builds a transaction handle over a query function; `finish` runs the before-commit work and answers the
 * statements to send with COMMIT (joined, each ending in a semicolon; empty when there are none).
 */
function makeTx(
  query: <R extends Row>(sql: string, params?: unknown[]) => Promise<{ rows: R[]; rowCount: number }>,
  exec: (sql: string) => Promise<void>,
): { tx: Tx; finish: () => Promise<string> } {
  const hooks: (() => Promise<void>)[] = [];
  const atCommit: string[] = [];
  const tx: Tx = {
    query,
    exec,
    beforeCommit: (fn) => void hooks.push(fn),
    commitWith: (sql) => void atCommit.push(sql),
  };
  return {
    tx,
    finish: async () => {
      // A hook may add another (it runs after the ones before it).
      for (let i = 0; i < hooks.length; i++) await hooks[i]!();
      return atCommit.map((sql) => `${sql};`).join(' ');
    },
  };
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction as the restricted role `lotse_app`, with row-level security scoped to one municipality. */
  tenant<T>(municipalityId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn in one transaction with the owner's privileges (no row-level security): migrations, sign-in, seeding, jobs. */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The underlying PGlite instance, for libraries that need it (pg-boss); undefined on a server. */
  readonly pglite: PGlite | undefined;
  readonly connectionString: string | undefined;
  close(): Promise<void>;
}

/**
 * An error may carry writes that must survive its rollback (an audit entry for a refused access): they run in a
 * fresh transaction of the same municipality after the failed one rolled back, and the error is then rethrown.
 */
export type AfterRollback = { afterRollback?: (tx: Tx) => Promise<unknown> };

async function tenantWithAfterRollback<T>(
  run: (scope: string, fn: (tx: Tx) => Promise<T>) => Promise<T>,
  municipalityId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await run(municipalityId, fn);
  } catch (err) {
    const after = (err as AfterRollback | null)?.afterRollback;
    if (typeof after === 'function') await run(municipalityId, async (tx) => (await after(tx)) as T);
    throw err;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statements that scope a transaction to a municipality: the restricted role and the municipality for
 * row-level security. Sent as one script (one round trip, not two); the id is checked to be a UUID, so it is
 * safe to write into the text.
 */
function tenantScript(municipalityId: string): string {
  if (!UUID.test(municipalityId)) throw new Error(`not a municipality id: ${JSON.stringify(municipalityId)}`);
  return `SET LOCAL ROLE lotse_app; SELECT set_config('lotse.municipality_id', '${municipalityId}', true)`;
}

// Dates stay 'YYYY-MM-DD' strings (no time zone shifts) and int8 becomes a number on both databases.
const DATE_OID = 1082;
const INT8_OID = 20;

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly connectionString = undefined;
  /** Statements prepared in the embedded database's one session (they live as long as it). */
  private readonly prepared = new Set<string>();
  constructor(readonly pglite: PGlite) {}

  /**
   * One statement over the wire protocol in one call into the embedded database: Parse (only the first time a
   * statement is seen; it stays prepared), Bind, Describe, Execute, Sync. PGlite's own `query` makes six calls
   * and parses and plans the statement every time; at the front desk's peak that was most of the server's time
   * (ADR 0008). Values are sent and parsed as text exactly as node-postgres does on a PostgreSQL server
   * (`pgTypes`), so both databases answer alike.
   */
  private async query<R extends Row>(sql: string, params: unknown[] = []) {
    const name = statementName(sql) ?? '';
    const parse = name === '' || !this.prepared.has(name);
    const message = Buffer.concat([
      ...(parse ? [serialize.parse({ name, text: sql, types: [] })] : []),
      serialize.bind({ statement: name, values: params.map((v) => prepareValue(v)) }),
      serialize.describe({ type: 'P', name: '' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const out = await this.pglite.execProtocolRaw(message, { syncToFs: false });
    let fields: { name: string; parse: (v: string) => unknown }[] = [];
    const rows: R[] = [];
    let rowCount = 0;
    let error: Error | null = null;
    await parseMessages(Readable.from([Buffer.from(out.buffer, out.byteOffset, out.byteLength)]), (msg) => {
      if (msg.name === 'parseComplete' && name !== '') this.prepared.add(name);
      else if (msg.name === 'rowDescription')
        fields = (msg as unknown as { fields: { name: string; dataTypeID: number }[] }).fields.map((f) => ({
          name: f.name,
          parse: pgTypes.getTypeParser(f.dataTypeID, 'text') as (v: string) => unknown,
        }));
      else if (msg.name === 'dataRow') {
        const values = (msg as unknown as { fields: (string | null)[] }).fields;
        const row: Row = {};
        for (let i = 0; i < fields.length; i++)
          row[fields[i]!.name] = values[i] === null ? null : fields[i]!.parse(values[i]!);
        rows.push(row as R);
      } else if (msg.name === 'commandComplete') {
        // "INSERT 0 3", "UPDATE 2", "SELECT 5": the last number is the count.
        const n = /(\d+)$/.exec((msg as unknown as { text: string }).text)?.[1];
        rowCount = n === undefined ? 0 : Number(n);
      } else if (msg.name === 'error') error ??= msg as unknown as Error;
    });
    if (error) throw error;
    return { rows, rowCount };
  }

  private async run<T>(scope: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (ptx) => {
      const { tx, finish } = makeTx(
        (sql, params) => this.query(sql, params),
        async (sql: string) => {
          await ptx.exec(sql);
        },
      );
      if (scope !== null) await ptx.exec(tenantScript(scope));
      const result = await fn(tx);
      // One process, one session: the statements run just before PGlite's own COMMIT.
      const last = await finish();
      if (last) await ptx.exec(last);
      return result;
    });
  }
  tenant<T>(municipalityId: string, fn: (tx: Tx) => Promise<T>) {
    return tenantWithAfterRollback<T>((scope, f) => this.run(scope, f), municipalityId, fn);
  }
  system<T>(fn: (tx: Tx) => Promise<T>) {
    return this.run(null, fn);
  }
  async close() {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

const statementNames = new Map<string, string>();
// Each connection keeps its prepared statements until it closes: texts built at run time (lists of placeholders)
// could make them many, so only this many distinct texts are prepared; the rest run unnamed.
const MAX_PREPARED = 1000;
/** A stable name per statement text (a hash), for prepared statements on every connection of the pool. */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `l${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly pglite = undefined;
  constructor(
    private readonly pool: pg.Pool,
    readonly connectionString: string,
  ) {}

  private async run<T>(scope: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      // BEGIN and the scope travel together: a script without parameters is one round trip.
      await client.query(scope === null ? 'BEGIN' : `BEGIN; ${tenantScript(scope)}`);
      const { tx, finish } = makeTx(
        async <R extends Row>(sql: string, params?: unknown[]) => {
          // A named statement is parsed once per connection and its plan is kept (PostgreSQL may settle on a
          // generic plan): parse and plan were most of the time of the short statements the front desk runs.
          const res = await client.query<R>({
            name: statementName(sql),
            text: sql,
            values: params ?? [],
          } as pg.QueryConfig);
          return { rows: res.rows, rowCount: res.rowCount ?? 0 };
        },
        async (sql: string) => {
          await client.query(sql);
        },
      );
      const result = await fn(tx);
      await client.query(`${await finish()} COMMIT`);
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  tenant<T>(municipalityId: string, fn: (tx: Tx) => Promise<T>) {
    return tenantWithAfterRollback<T>((scope, f) => this.run(scope, f), municipalityId, fn);
  }
  system<T>(fn: (tx: Tx) => Promise<T>) {
    return this.run(null, fn);
  }
  async close() {
    await this.pool.end();
  }
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Opens PostgreSQL at `databaseUrl`, or embedded PGlite in `dataDir` (or in memory when dataDir is 'memory://'). */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, types: pgTypes });
    await pool.query('SELECT 1');
    return new PostgresDatabase(pool, opts.databaseUrl);
  }
  if (!opts.dataDir.startsWith('memory://')) fs.mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    extensions: { pg_trgm, fuzzystrmatch },
    parsers: { [DATE_OID]: (v: string) => v, [pgliteTypes.INT8]: (v: string) => Number(v) },
  });
  return new PgliteDatabase(pglite);
}
