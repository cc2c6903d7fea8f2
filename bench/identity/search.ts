// npm run bench:identity (second part): staff search latency and recall@10 for variant spellings, at 1,000,000
// persons on PostgreSQL and 140,000 on embedded PGlite, side by side with a plain pg_trgm similarity query;
// then a full duplicate scan of the registry at 140,000 persons. Prints figures; asserts nothing.
//
// Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a PostgreSQL server on which a fresh database is
// created and dropped (default postgres://postgres@127.0.0.1:5432/postgres; skipped when unreachable).
// BENCH_PG_PERSONS (default 1000000), BENCH_PGLITE_PERSONS (default 140000), BENCH_QUERIES (default 400),
// BENCH_BASELINE_QUERIES (default 100, the first of the same queries), BENCH_PARTS (default pglite,postgres).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { type Database, openDatabase, type Tx } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import {
  parseBirthDate,
  splitFullName,
  type IdentityRecord,
} from '../../server/src/features/identity/engine/index.ts';
import { searchIndexOf } from '../../server/src/features/identity/identity.service.ts';
import { queueDuplicates } from '../../server/src/features/identity/scan.service.ts';
import { rankPersons } from '../../server/src/features/identity/search.service.ts';
import { provisionMunicipality } from '../../server/src/features/organisation/organisation.service.ts';
import { generatePopulation, spellingVariants } from './population.ts';

const PG_PERSONS = Number(process.env.BENCH_PG_PERSONS ?? 1_000_000);
const PGLITE_PERSONS = Number(process.env.BENCH_PGLITE_PERSONS ?? 140_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
// The baseline scans trigram indexes of all persons (about a second a query at 1,000,000): a sample suffices.
const BASELINE_QUERIES = Number(process.env.BENCH_BASELINE_QUERIES ?? 100);
const PARTS = (process.env.BENCH_PARTS ?? 'pglite,postgres').split(',');
const BATCH = 2000;

type Loaded = {
  municipalityId: string;
  records: IdentityRecord[];
  personOf: Map<string, number>;
  idOf: Map<string, string>;
};

/**
 * A source record as the registry stores it: a full name (a source that keeps the name in one field) is split
 * into given and family name, as the import does (splitFullName); the search keys are made from what is stored,
 * as indexPerson does.
 */
function asStored(r: IdentityRecord): IdentityRecord {
  if (r.givenNames || r.familyName || !r.fullName) return r;
  const { given, family } = splitFullName(r.fullName);
  return { ...r, fullName: null, givenNames: given, familyName: family };
}

async function load(db: Database, persons: number, label: string): Promise<Loaded> {
  const t0 = performance.now();
  const { records, personOf } = generatePopulation({ seed: 20261121, persons, duplicateRate: 0.05 });
  const { municipality, agencies } = await provisionMunicipality(db, {
    municipality: { slug: `bench-${Date.now()}`, name: 'Benchmark', isDemo: false },
    sites: [],
    agencies: [{ kind: 'agency', code: 'abh', name: 'ABH', legalDomains: ['AufenthG'], site: null }],
    staff: [],
  });
  const agencyId = agencies.get('abh')!.id;
  const idOf = new Map<string, string>();
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const rows = batch.map((source) => {
      const id = randomUUID();
      idOf.set(source.id, id);
      const r = asStored(source);
      const d = parseBirthDate(r.dateOfBirth);
      const { searchName, keys, tokens } = searchIndexOf(r);
      return { id, r, d, searchName, keys, tokens };
    });
    await db.system(async (tx) => {
      await tx.query(
        `INSERT INTO person (id, municipality_id, root_id, given_names, family_name, given_names_original,
           family_name_original, birth_date, birth_year, birth_date_certainty, birth_date_recorded, sex,
           place_of_birth, nationalities, search_name, created_by_agency)
         SELECT u.id, $1, u.id, u.g, u.f, u.go, u.fo, u.bd::date, u.by, u.bc, u.br, u.sex, u.pob,
                CASE WHEN u.nat IS NULL THEN '{}'::text[] ELSE ARRAY[u.nat] END, u.sn, $2
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[],
                       $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
             AS u(id, g, f, go, fo, bd, by, bc, br, sex, pob, nat, sn)`,
        [
          municipality.id,
          agencyId,
          rows.map((x) => x.id),
          rows.map((x) => x.r.givenNames ?? ''),
          rows.map((x) => x.r.familyName ?? ''),
          rows.map((x) => x.r.givenNamesOriginal ?? null),
          rows.map((x) => x.r.familyNameOriginal ?? null),
          rows.map((x) => (x.d.certainty === 'exact' ? x.d.value : null)),
          rows.map((x) => (x.d.year && x.d.year >= 1880 ? x.d.year : null)),
          rows.map((x) => x.d.certainty),
          rows.map((x) => x.r.dateOfBirth ?? null),
          rows.map((x) =>
            x.r.sex === 'f' || x.r.sex === 'female' ? 'female' : x.r.sex ? 'male' : 'unspecified',
          ),
          rows.map((x) => x.r.placeOfBirth ?? null),
          rows.map((x) => (x.r.nationality && /^[A-Z]{2,3}$/.test(x.r.nationality) ? x.r.nationality : null)),
          rows.map((x) => x.searchName),
        ],
      );
      const pid: string[] = [];
      const key: string[] = [];
      for (const x of rows)
        for (const k of x.keys) {
          pid.push(x.id);
          key.push(k);
        }
      await tx.query(
        `INSERT INTO name_token (municipality_id, token) SELECT $1, t FROM unnest($2::text[]) AS t ON CONFLICT DO NOTHING`,
        [municipality.id, [...new Set(rows.flatMap((x) => x.tokens))]],
      );
      await tx.query(
        `INSERT INTO person_search_key (municipality_id, person_id, key)
         SELECT $1, p, k FROM unnest($2::uuid[], $3::text[]) AS u(p, k) ON CONFLICT DO NOTHING`,
        [municipality.id, pid, key],
      );
    });
    if ((i / BATCH) % 50 === 0)
      process.stdout.write(`\r  ${label}: loading ${i + batch.length} / ${records.length} records`);
  }
  await db.system((tx) => tx.query('ANALYZE'));
  console.log(
    `\r  ${label}: loaded ${records.length} records (${persons} persons) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return { municipalityId: municipality.id, records, personOf, idOf };
}

type Query = { q: string; kind: string; person: number };

/** A date as staff would type it from a document: DD.MM.YYYY when the record has one, else the year. */
function typedDate(record: IdentityRecord): string {
  const d = parseBirthDate(record.dateOfBirth);
  if (d.certainty === 'exact' && d.value) {
    const [y, m, day] = d.value.split('-');
    return `${day}.${m}.${y}`;
  }
  return d.year ? String(d.year) : '';
}

/**
 * Queries for sampled records: another spelling of the name (transliteration variant, swapped order, original
 * script, typo), `withDate` adding the date of birth or year as staff type it from a document.
 */
function queries(loaded: Loaded, withDate: boolean): Query[] {
  const out: Query[] = [];
  let seed = withDate ? 7 : 11;
  for (let i = 0; out.length < QUERIES && i < QUERIES * 20; i++) {
    const record = loaded.records[(i * 7919 + (withDate ? 0 : 13)) % loaded.records.length]!;
    const variants = spellingVariants(record, seed++, 6).filter((v) =>
      ['variant', 'swapped', 'original_script'].includes(v.kind),
    );
    const v = variants[i % Math.max(1, variants.length)];
    if (!v) continue;
    const date = withDate ? typedDate(record) : '';
    if (withDate && !date) continue;
    out.push({ q: `${v.query} ${date}`.trim(), kind: v.kind, person: loaded.personOf.get(record.id)! });
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function measure(
  db: Database,
  loaded: Loaded,
  qs: Query[],
  search: (tx: Tx, q: string) => Promise<string[]>,
): Promise<{ n: number; p50: number; p95: number; recall: number; byKind: Record<string, number> }> {
  const personOfId = new Map<string, number>();
  for (const [rid, id] of loaded.idOf) personOfId.set(id, loaded.personOf.get(rid)!);
  for (const q of qs.slice(0, 20)) await db.tenant(loaded.municipalityId, (tx) => search(tx, q.q)); // warm-up
  const times: number[] = [];
  let found = 0;
  const kinds: Record<string, [number, number]> = {};
  for (const q of qs) {
    const t = performance.now();
    const ids = await db.tenant(loaded.municipalityId, (tx) => search(tx, q.q));
    times.push(performance.now() - t);
    const hit = ids.slice(0, 10).some((id) => personOfId.get(id) === q.person);
    if (hit) found++;
    const k = (kinds[q.kind] ??= [0, 0]);
    k[0] += hit ? 1 : 0;
    k[1]++;
  }
  return {
    n: qs.length,
    p50: pct(times, 50),
    p95: pct(times, 95),
    recall: found / qs.length,
    byKind: Object.fromEntries(Object.entries(kinds).map(([k, [h, n]]) => [k, h / n])),
  };
}

const lotseSearch = async (tx: Tx, q: string) => (await rankPersons(tx, q, 10)).map((r) => r.personId);
const trigramSearch = async (tx: Tx, q: string) =>
  (
    await tx.query<{ id: string }>(
      `SELECT id FROM person WHERE search_name % $1 ORDER BY similarity(search_name, $1) DESC LIMIT 10`,
      [q.toLowerCase()],
    )
  ).rows.map((r) => r.id);

async function benchDatabase(db: Database, persons: number, label: string, scan: boolean) {
  const loaded = await load(db, persons, label);
  const row = (name: string, r: Awaited<ReturnType<typeof measure>>) =>
    `  ${name.padEnd(22)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   recall@10 ${r.recall.toFixed(3)}   ${r.n} queries (` +
    Object.entries(r.byKind)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ') +
    ')';
  for (const withDate of [true, false]) {
    const qs = queries(loaded, withDate);
    const lotse = await measure(db, loaded, qs, lotseSearch);
    const trgm = await measure(db, loaded, qs.slice(0, BASELINE_QUERIES), trigramSearch);
    console.log(
      `\nStaff search, ${label}, ${persons.toLocaleString('en')} persons, ${qs.length} queries: ` +
        (withDate
          ? 'a variant spelling of the name with the date of birth (or year):'
          : 'a variant spelling of the name alone (ambiguous by nature: many people share a name):'),
    );
    console.log(row('Lotse search', lotse));
    console.log(row('pg_trgm similarity', trgm));
  }
  if (scan) {
    const t = performance.now();
    const r = await db.system((tx) => queueDuplicates(tx, loaded.municipalityId));
    console.log(
      `\nFull duplicate scan of the registry, ${label}, ${r.persons.toLocaleString('en')} records: ${((performance.now() - t) / 1000).toFixed(1)} s ` +
        `(${r.pairsCompared.toLocaleString('en')} candidate pairs compared, ${r.candidatesFound.toLocaleString('en')} suspected pairs queued)`,
    );
  }
}

async function main() {
  console.log('\n== Staff search and registry scan ==');
  if (PARTS.includes('pglite')) {
    const pglite = await openDatabase({ dataDir: 'memory://' });
    await migrate(pglite);
    await benchDatabase(pglite, PGLITE_PERSONS, 'embedded PGlite', true);
    await pglite.close();
  }
  if (!PARTS.includes('postgres')) return;

  const base =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `lotse_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (err) {
    console.log(
      `\nPostgreSQL at ${base} is not reachable (${(err as Error).message}); skipped the server part.`,
    );
    return;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const server = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  try {
    await migrate(server);
    await benchDatabase(server, PG_PERSONS, 'PostgreSQL server', false);
  } finally {
    await server.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
