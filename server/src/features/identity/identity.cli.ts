import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CsvTable, decodeText, parseCsv } from '../../lib/csv';
import { deduplicate, link, parseBirthDate, type IdentityRecord, type MatchPair } from './engine/index';

export const IDENTITY_MATCH_USAGE = `Usage: npm run lotse -- identity match --input people.csv [--output pairs.csv]
       npm run lotse -- identity match --input a.csv --link b.csv [--output pairs.csv]

Reads CSV with a header and the columns id,given_name,family_name,full_name,date_of_birth,sex,place_of_birth,
nationality (all but id optional); other columns are ignored unless named with --compare col1,col2 (compared
generically, weights learned from the data). Writes id_a,id_b,score for each pair judged to be the same person
(to --output, else to standard output). Options: --threshold P (default 0.5), --train / --no-train (default:
train when there are at least 1,000 records).`;

const KNOWN = [
  'id',
  'given_name',
  'family_name',
  'full_name',
  'date_of_birth',
  'sex',
  'place_of_birth',
  'nationality',
];

type Loaded = {
  records: IdentityRecord[];
  encoding: string;
  problems: string[];
  lineOf: Map<string, number>;
};
class InputError extends Error {}

/** Reads one CSV file into records; problems name the file, the line and the id. */
export function loadCsv(file: string, compare: string[]): Loaded {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new InputError(
      `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    );
  }
  const { text, encoding } = decodeText(buf);
  let table: CsvTable;
  try {
    table = parseCsv(text);
  } catch (err) {
    throw new InputError(`${file} is not readable as CSV: ${(err as Error).message}`);
  }
  if (table.columns.length === 0 || table.columns.every((c) => c === ''))
    throw new InputError(`${file} is empty: it needs a header line with an id column.`);
  const header = table.columns.map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('id') < 0)
    throw new InputError(
      `${file} has no id column (the header is: ${header.join(', ') || 'empty'}); the columns are ${KNOWN.join(',')}.`,
    );
  const missing = compare.filter((c) => col(c.toLowerCase()) < 0);
  if (missing.length > 0)
    throw new InputError(`${file} has no column ${missing.join(', ')} named in --compare.`);
  const problems: string[] = [];
  const lineOf = new Map<string, number>();
  const seen = new Set<string>();
  const records: IdentityRecord[] = [];
  for (const { values: cells, line } of table.rows) {
    const get = (name: string) => {
      const i = col(name);
      const v = i >= 0 ? (cells[i] ?? '').trim() : '';
      return v === '' ? null : v;
    };
    if (cells.every((c) => c.trim() === '')) {
      problems.push(`${file} line ${line}: empty row skipped`);
      continue;
    }
    const id = get('id');
    if (!id) {
      problems.push(`${file} line ${line}: no id; row skipped`);
      continue;
    }
    if (seen.has(id)) {
      problems.push(`${file} line ${line}: id ${id} occurs more than once; this row skipped`);
      continue;
    }
    seen.add(id);
    const extra: Record<string, string | null> = {};
    for (const c of compare) extra[c.toLowerCase()] = get(c.toLowerCase());
    records.push({
      id,
      givenNames: get('given_name'),
      familyName: get('family_name'),
      fullName: get('full_name'),
      dateOfBirth: get('date_of_birth'),
      sex: get('sex'),
      placeOfBirth: get('place_of_birth'),
      nationality: get('nationality'),
      extra,
    });
    lineOf.set(id, line);
  }
  return { records, encoding, problems, lineOf };
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * `identity match`: finds the pairs of records that are the same person in one CSV file, or links two files.
 * Returns the exit code: 0 on success, 2 for a command-line or input error that stops the run.
 */
export async function runIdentityMatch(
  args: string[],
  out: (line: string) => void,
  errOut: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        input: { type: 'string' },
        link: { type: 'string' },
        output: { type: 'string' },
        compare: { type: 'string' },
        threshold: { type: 'string' },
        train: { type: 'boolean' },
        'no-train': { type: 'boolean' },
      },
    }));
  } catch (err) {
    errOut(`${(err as Error).message}\n\n${IDENTITY_MATCH_USAGE}`);
    return 2;
  }
  if (!values.input) {
    errOut(`identity match needs --input.\n\n${IDENTITY_MATCH_USAGE}`);
    return 2;
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold < 1)) {
    errOut('--threshold must be a probability between 0 and 1, such as 0.5.');
    return 2;
  }
  const train = values.train ? true : values['no-train'] ? false : undefined;
  const compare = (values.compare ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  let a: Loaded;
  let b: Loaded | null = null;
  try {
    a = loadCsv(values.input, compare);
    if (values.link) b = loadCsv(values.link, compare);
  } catch (err) {
    if (err instanceof InputError) {
      errOut(err.message);
      return 2;
    }
    throw err;
  }
  const problems = [...a.problems, ...(b?.problems ?? [])];
  const result = b
    ? link(a.records, b.records, { train, threshold })
    : deduplicate(a.records, { train, threshold });
  // Dates that cannot be taken as recorded: reported by file and line, compared as unknown by the engine.
  for (const [loaded, file] of [[a, values.input], ...(b ? [[b, values.link!] as const] : [])] as const) {
    for (const r of loaded.records) {
      const problem = parseBirthDate(r.dateOfBirth).problem;
      if (problem)
        problems.push(
          `${file} line ${loaded.lineOf.get(r.id)} (id ${r.id}): date_of_birth: ${problem}; treated as unknown`,
        );
    }
  }
  for (const p of problems) errOut(p);
  const lines = [
    'id_a,id_b,score',
    ...result.pairs.map((p: MatchPair) => `${csvCell(p.a)},${csvCell(p.b)},${p.score.toFixed(4)}`),
  ];
  if (values.output) {
    try {
      writeFileSync(values.output, lines.join('\n') + '\n');
    } catch (err) {
      errOut(
        `Cannot write ${values.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
      );
      return 2;
    }
  } else for (const l of lines) out(l);
  const read = a.records.length + (b?.records.length ?? 0);
  const enc = b ? `${a.encoding} / ${b.encoding}` : a.encoding;
  errOut(
    `identity match: ${read} records read (${enc}), ${result.pairs.length} pairs written, ${problems.length} problems.`,
  );
  return 0;
}
