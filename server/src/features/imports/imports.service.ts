import {
  type ImportReport,
  type ImportRequest,
  PersonInput,
  type IdentifierKind,
  type ImportField,
} from '@lotse/common';
import type { Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { decodeText, parseCsv } from '../../lib/csv';
import { mayPerson, requirePersonAccess } from '../access/access.service';
import type { Actor } from '../auth/actor';
import { deduplicate, splitFullName } from '../identity/engine';
import { findLikelyDuplicates } from '../identity/identity.service';
import {
  importIdentifiers,
  importNewPerson,
  personSummaries,
  validatePersonInput,
} from '../persons/persons.service';
import { suggestMapping } from './imports.mapping';
import * as repo from './imports.repo';

type Line = ImportReport['lines'][number];
type Problem = Line['problems'][number];

// A line at or above MATCH is the known person; between REVIEW and MATCH it needs a person's judgement first.
const MATCH = 0.9;
const REVIEW = 0.5;

function requireImport(actor: Actor) {
  if (!mayPerson(actor, 'import'))
    throw new AppError('NOT_PERMITTED', 'Your role does not allow importing persons.');
}

function readFile(content: string) {
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The file is empty.', { content: 'the file is empty' });
  const { text, encoding } = decodeText(bytes);
  return { text, encoding };
}

/** Columns, a few rows and a suggested mapping, for the mapping step. Reads no registry data. */
export function previewImport(
  actor: Actor,
  req: { fileName: string; content: string; delimiter?: string | undefined },
) {
  requireImport(actor);
  const { text, encoding } = readFile(req.content);
  const table = parseCsv(text, req.delimiter);
  if (table.columns.length === 0 || table.columns.every((c) => c === ''))
    throw new AppError('VALIDATION_FAILED', 'The file has no header line.', {
      content: 'the file has no header line',
    });
  return {
    columns: table.columns,
    sample: table.rows.slice(0, 5).map((r) => r.values),
    encoding,
    delimiter: table.delimiter,
    suggestedMapping: suggestMapping(table.columns),
  };
}

const SEX: Record<string, PersonInput['sex']> = {
  m: 'male',
  mann: 'male',
  maennlich: 'male',
  männlich: 'male',
  male: 'male',
  w: 'female',
  f: 'female',
  frau: 'female',
  weiblich: 'female',
  female: 'female',
  d: 'diverse',
  x: 'diverse',
  divers: 'diverse',
  diverse: 'diverse',
  u: 'unspecified',
  unbekannt: 'unspecified',
  unknown: 'unspecified',
  '': 'unspecified',
};

/** One CSV line as a person input, or the problems that stop it, each naming the field. */
function lineToInput(
  columns: string[],
  values: string[],
  mapping: Record<string, ImportField>,
): { input: PersonInput | null; problems: Problem[]; empty: boolean } {
  const get = new Map<ImportField, string>();
  columns.forEach((c, i) => {
    const f = mapping[c];
    if (f && f !== 'ignore') get.set(f, (values[i] ?? '').trim());
  });
  const empty = values.every((v) => v.trim() === '');
  if (empty) return { input: null, problems: [], empty };
  const problems: Problem[] = [];
  const v = (f: ImportField) => get.get(f) ?? '';
  let given = v('givenNames');
  let family = v('familyName');
  if (!given && !family && v('fullName')) {
    const split = splitFullName(v('fullName'));
    given = split.given;
    family = split.family;
  }
  const sexRaw = v('sex').toLowerCase();
  const sex = SEX[sexRaw];
  if (sex === undefined)
    problems.push({ field: 'sex', message: `"${v('sex')}" is not a sex Lotse knows (m, w, d, or empty)` });
  const identifiers = [...get.entries()]
    .filter(([f, value]) => f.startsWith('identifier:') && value)
    .map(([f, value]) => ({ kind: f.slice('identifier:'.length) as IdentifierKind, value }));
  const raw = {
    name: {
      givenNames: given,
      familyName: family,
      givenNamesOriginal: v('givenNamesOriginal') || null,
      familyNameOriginal: v('familyNameOriginal') || null,
    },
    birthName: v('birthName') ? { familyName: v('birthName') } : null,
    sex: sex ?? 'unspecified',
    dateOfBirth: v('dateOfBirth') || null,
    placeOfBirth: v('placeOfBirth') || null,
    countryOfBirth: v('countryOfBirth') || null,
    nationalities: v('nationality')
      ? v('nationality')
          .split(/[,/]/)
          .map((n) => n.trim())
          .filter(Boolean)
      : [],
    address:
      v('street') || v('postcode') || v('city')
        ? { street: v('street') || null, postcode: v('postcode') || null, city: v('city') || null }
        : null,
    contact: v('phone') || v('email') ? { phone: v('phone') || null, email: v('email') || null } : null,
    identifiers,
  };
  const parsed = PersonInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ field: issue.path.join('.'), message: issue.message });
    return { input: null, problems, empty };
  }
  try {
    validatePersonInput(parsed.data);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const [field, message] of Object.entries(err.fields ?? { line: err.message }))
      problems.push({ field, message });
  }
  return { input: problems.length ? null : parsed.data, problems, empty };
}

type Evaluated = Line & { input: PersonInput | null };

/** Decides every line: create, match a known person, reject (with the problems) or skip an empty row. */
async function evaluate(
  tx: Tx,
  actor: Actor,
  parsed: { line: number; input: PersonInput | null; problems: Problem[]; empty: boolean }[],
): Promise<Evaluated[]> {
  const out: Evaluated[] = [];
  const names = new Map<string, string>();
  for (const p of parsed) {
    const displayName = p.input ? `${p.input.name.givenNames} ${p.input.name.familyName}`.trim() : null;
    if (p.empty) {
      out.push({
        line: p.line,
        outcome: 'skip',
        displayName: null,
        personId: null,
        score: null,
        problems: [],
        input: null,
      });
      continue;
    }
    if (!p.input) {
      out.push({
        line: p.line,
        outcome: 'reject',
        displayName,
        personId: null,
        score: null,
        problems: p.problems,
        input: null,
      });
      continue;
    }
    const [best] = await findLikelyDuplicates(tx, actor.municipalityId, p.input, { limit: 1 });
    if (best && best.score >= MATCH) {
      out.push({
        line: p.line,
        outcome: 'match',
        displayName,
        personId: best.personId as Line['personId'],
        score: best.score,
        problems: [],
        input: p.input,
      });
    } else if (best && best.score >= REVIEW) {
      names.set(best.personId, '');
      out.push({
        line: p.line,
        outcome: 'reject',
        displayName,
        personId: best.personId as Line['personId'],
        score: best.score,
        problems: [
          {
            field: 'name',
            message: `may be a person already registered (score ${best.score.toFixed(2)}); check and register by hand`,
          },
        ],
        input: p.input,
      });
    } else
      out.push({
        line: p.line,
        outcome: 'create',
        displayName,
        personId: null,
        score: best?.score ?? null,
        problems: [],
        input: p.input,
      });
  }
  // The same person twice in one file: the later line is refused, so nobody is created twice.
  const creates = out.filter((l) => l.outcome === 'create');
  const dup = deduplicate(
    creates.map((l) => ({
      id: String(l.line),
      givenNames: l.input!.name.givenNames,
      familyName: l.input!.name.familyName,
      givenNamesOriginal: l.input!.name.givenNamesOriginal,
      familyNameOriginal: l.input!.name.familyNameOriginal,
      dateOfBirth: l.input!.dateOfBirth,
      identifiers: l.input!.identifiers.map((i) => i.value),
    })),
    { train: false },
  );
  for (const pair of dup.pairs) {
    const [first, second] = [Number(pair.a), Number(pair.b)].sort((a, b) => a - b);
    const later = out.find((l) => l.line === second)!;
    if (later.outcome !== 'create') continue;
    later.outcome = 'reject';
    later.problems = [
      { field: 'name', message: `the same person as line ${first} (score ${pair.score.toFixed(2)})` },
    ];
  }
  // Name the persons a line was matched to, for the report.
  // Names of matched persons appear in the report only where the importer may see them (for identification).
  const known = await personSummaries(
    tx,
    actor,
    [...new Set(out.map((l) => l.personId).filter((x): x is NonNullable<typeof x> => !!x))],
    { action: 'search', purpose: 'data_import', details: { view: 'import_report' } },
  );
  for (const l of out) {
    const s = known.find((k) => k.id === l.personId);
    if (s && l.outcome !== 'create') l.displayName = `${l.displayName ?? ''} → ${s.displayName}`.trim();
  }
  return out;
}

function summarise(lines: Line[]) {
  const count = (o: Line['outcome']) => lines.filter((l) => l.outcome === o).length;
  return {
    lines: lines.length,
    create: count('create'),
    match: count('match'),
    reject: count('reject'),
    skip: count('skip'),
  };
}

const strip = (lines: Evaluated[]): Line[] => lines.map(({ input: _input, ...l }) => l);

/** A dry run: what the import would create, match and reject, line by line. Nothing is written but the report. */
export async function dryRunImport(db: Database, actor: Actor, req: ImportRequest): Promise<ImportReport> {
  requireImport(actor);
  const { text, encoding } = readFile(req.content);
  const table = parseCsv(text, req.delimiter);
  const unknown = Object.keys(req.mapping).filter((c) => !table.columns.includes(c));
  if (unknown.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `The file has no column ${unknown.map((c) => `"${c}"`).join(', ')}.`,
      { mapping: `unknown columns: ${unknown.join(', ')}` },
    );
  const mapped = new Set(Object.values(req.mapping));
  if (!['givenNames', 'familyName', 'fullName'].some((f) => mapped.has(f as ImportField)))
    throw new AppError(
      'VALIDATION_FAILED',
      'Map at least one name column (given names, family name or full name).',
      { mapping: 'no name column' },
    );
  const parsed = table.rows.map((r) => ({
    line: r.line,
    ...lineToInput(table.columns, r.values, req.mapping),
  }));
  return db.tenant(actor.municipalityId, async (tx) => {
    const lines = await evaluate(tx, actor, parsed);
    const matched = lines.map((l) => l.personId).filter((x): x is NonNullable<typeof x> => !!x);
    await requirePersonAccess(tx, {
      actor,
      action: 'import',
      personIds: [],
      purpose: 'data_import',
      details: { dryRun: true, fileName: req.fileName, personIds: matched },
    });
    const report = {
      fileName: req.fileName,
      encoding,
      columns: table.columns,
      summary: summarise(lines),
      lines: strip(lines),
    };
    const id = await repo.insertImport(tx, {
      municipalityId: actor.municipalityId,
      agencyId: actor.agencyId,
      createdBy: actor.staffId,
      fileName: req.fileName,
      mapping: req.mapping,
      report: {
        ...report,
        inputs: lines.filter((l) => l.input).map((l) => ({ line: l.line, input: l.input })),
      },
    });
    return { id, status: 'dry_run', ...report };
  });
}

/**
 * Applies a dry run, all or nothing: the lines are decided again (the registry may have changed); if any line
 * is refused now, nothing is written and the answer names the lines. Matched lines add their identifiers to the
 * known person; the others are created with the importing agency as their source.
 */
export async function applyImport(db: Database, actor: Actor, id: string): Promise<ImportReport> {
  requireImport(actor);
  return db.tenant(actor.municipalityId, async (tx) => {
    const stored = await repo.getImport(tx, id);
    if (!stored) throw new AppError('NOT_FOUND', 'No such import.');
    if (stored.status === 'applied') throw new AppError('CONFLICT', 'This import was already applied.');
    const inputs = new Map((stored.report.inputs ?? []).map((i) => [i.line, i.input]));
    const parsed = stored.report.lines.map((l) => {
      const input = inputs.get(l.line) ?? null;
      return {
        line: l.line,
        input: l.outcome === 'reject' && !input ? null : input,
        problems: l.problems,
        empty: l.outcome === 'skip',
      };
    });
    const lines = await evaluate(tx, actor, parsed);
    const refused = lines.filter((l) => l.outcome === 'reject');
    if (refused.length > 0)
      throw new AppError(
        'IMPORT_INVALID',
        `Nothing was imported: ${refused.length} line(s) are refused (${refused.map((l) => `line ${l.line}: ${l.problems.map((p) => `${p.field} ${p.message}`).join(', ')}`).join('; ')}). Correct the file and run the dry run again.`,
        Object.fromEntries(
          refused.map((l) => [`line.${l.line}`, l.problems.map((p) => `${p.field} ${p.message}`).join('; ')]),
        ),
      );
    for (const l of lines) {
      if (l.outcome === 'create')
        l.personId = (await importNewPerson(tx, actor, l.input!)) as Line['personId'];
      else if (l.outcome === 'match') await importIdentifiers(tx, actor, l.personId!, l.input!.identifiers);
    }
    const personIds = lines.map((l) => l.personId).filter((x): x is NonNullable<typeof x> => !!x);
    await requirePersonAccess(tx, {
      actor,
      action: 'import',
      personIds,
      purpose: 'data_import',
      details: { importId: id },
    });
    const report = {
      fileName: stored.fileName,
      encoding: stored.report.encoding,
      columns: stored.report.columns,
      summary: summarise(lines),
      lines: strip(lines),
    };
    // The parsed lines are no longer needed once applied: only the report stays.
    await repo.markApplied(tx, id, report);
    return { id, status: 'applied', ...report };
  });
}

/**
 * Erasure and anonymisation: an import report keeps each line's outcome, but no longer the name of, or the link to,
 * a person who is erased (nor the parsed line of a dry run). Returns the lines it emptied.
 */
export async function forgetPersonsInImports(
  tx: Tx,
  personIds: string[],
): Promise<{ importId: string; line: number; personId: string }[]> {
  const ids = new Set(personIds);
  const forgotten: { importId: string; line: number; personId: string }[] = [];
  for (const stored of await repo.importsNaming(tx, personIds)) {
    const lines = new Set<number>();
    const report = {
      ...stored.report,
      lines: stored.report.lines.map((l) => {
        if (!l.personId || !ids.has(l.personId)) return l;
        lines.add(l.line);
        forgotten.push({ importId: stored.id, line: l.line, personId: l.personId });
        return { ...l, displayName: null, personId: null };
      }),
      ...(stored.report.inputs ? { inputs: stored.report.inputs.filter((i) => !lines.has(i.line)) } : {}),
    };
    await repo.replaceReport(tx, stored.id, report);
  }
  return forgotten;
}

/** How long a dry run that was never applied is kept (it holds the parsed lines of the export). */
export const DRY_RUN_DAYS = 7;

/** Removes dry runs older than DRY_RUN_DAYS; run with the retention job. Returns how many. */
export async function expireDryRuns(tx: Tx, now = new Date()): Promise<number> {
  return repo.deleteDryRunsBefore(tx, new Date(now.getTime() - DRY_RUN_DAYS * 24 * 3600 * 1000));
}
