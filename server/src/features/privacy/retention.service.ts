import { randomUUID } from 'node:crypto';
import {
  ANONYMISED_NAME,
  type ErasureResult,
  type RemovalKind,
  type RetentionPlan,
  type RetentionRecordType,
  type RetentionRemoval,
  type RetentionRule,
  type RetentionRuleDue,
  type RetentionRuleInput,
  type RetentionRun,
  removalKinds,
} from '@lotse/common';
import type { AfterRollback, Database, Tx } from '../../db/database';
import { AppError } from '../../errors';
import { mayPerson, requirePersonAccess } from '../access/access.service';
import { recordAudit } from '../audit/audit.service';
import { type Actor, requireRole } from '../auth/actor';
import { forgetNameTokens, indexPerson, nameTokensOf } from '../identity/identity.service';
import { forgetPersonInCases } from '../cases/cases.service';
import { expireDryRuns, forgetPersonsInImports } from '../imports/imports.service';
import { todayInGermany } from '../persons/persons.dates';
import * as privacyRepo from './privacy.repo';
import * as repo from './retention.repo';

/**
 * Retention and erasure (issue 4, "Transparency and rights"): rules per agency and record type, the daily run that
 * deletes what is due and anonymises persons nothing is left of, erasure on request, and the removal record
 * (ids and kinds, never content). See the record types in common/src/retention.ts.
 *
 * Removing history rows (`person_change`, append-only for the restricted role) needs the owner: a run or an
 * erasure is one owner transaction scoped to the municipality and switched to the restricted role at once
 * (`inMunicipality`), stepping out of it only for the history statements of the repo.
 */

const CONFIGURERS = ['municipal_admin', 'data_protection_officer'] as const;
const iso = (d: Date) => d.toISOString();
const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION_FAILED', `${field} ${problem}.`, { [field]: problem });

export const CONSENTS_STAY =
  'Consents are not erased: they stay as proof that the processing was lawful (Art. 7 Abs. 1 DSGVO).';

/** One transaction for a municipality under row-level security that may also remove history rows. */
async function inMunicipality<T>(
  db: Database,
  municipalityId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.system(async (tx) => {
      await repo.enterMunicipality(tx, municipalityId);
      return fn(tx);
    });
  } catch (err) {
    // A refusal of the access function is audited after the rollback, as Database.tenant does.
    const after = (err as AfterRollback | null)?.afterRollback;
    if (typeof after === 'function') await db.tenant(municipalityId, async (tx) => void (await after(tx)));
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

const toRule = (r: repo.RuleRow): RetentionRule => ({
  id: r.id,
  agencyId: r.agencyId as RetentionRule['agencyId'],
  agencyName: r.agencyName,
  recordType: r.recordType as RetentionRecordType,
  years: r.years,
  paragraph: r.paragraph,
  description: r.description,
  createdAt: iso(r.createdAt),
});

async function recordConfig(tx: Tx, actor: Actor, action: string, subjectId: string, details: object) {
  await recordAudit(tx, {
    municipalityId: actor.municipalityId,
    actor: { staffId: actor.staffId, agencyId: actor.agencyId },
    action,
    subjectType: 'retention_rule',
    subjectId,
    requestId: actor.requestId,
    details: { ...details },
  });
}

/** Seeds retention rules (demo). For seeding only. */
export async function seedRules(
  tx: Tx,
  municipalityId: string,
  rules: { agencyId: string; recordType: string; years: number; paragraph: string; description: string }[],
): Promise<void> {
  for (const r of rules) await repo.insertRule(tx, { municipalityId, ...r });
}

export async function listRules(db: Database, actor: Actor): Promise<RetentionRule[]> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => (await repo.listRules(tx)).map(toRule));
}

/**
 * Creates the rule of an agency for a record type, or replaces the one in force: the old version is retired (the
 * removal record keeps naming it) and a new one added. Saving the same values again changes nothing.
 */
export async function saveRule(
  db: Database,
  actor: Actor,
  input: RetentionRuleInput,
): Promise<{ rule: RetentionRule; created: boolean }> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => {
    await repo.lockRules(tx, actor.municipalityId);
    if (!(await repo.listAgencies(tx)).some((a) => a.id === input.agencyId))
      throw invalid('agencyId', 'is not an agency or partner of this municipality');
    const existing = await repo.findCurrentRule(tx, input.agencyId, input.recordType);
    if (
      existing &&
      existing.years === input.years &&
      existing.paragraph === input.paragraph &&
      existing.description === input.description
    )
      return { rule: toRule(existing), created: false };
    if (existing) await repo.retireRule(tx, existing.id);
    const id = await repo.insertRule(tx, { municipalityId: actor.municipalityId, ...input });
    await recordConfig(tx, actor, existing ? 'retention_rule.replace' : 'retention_rule.create', id, {
      agencyId: input.agencyId,
      recordType: input.recordType,
      years: input.years,
      paragraph: input.paragraph,
      ...(existing ? { replaces: existing.id, previousYears: existing.years } : {}),
    });
    return { rule: toRule((await repo.getRule(tx, id))!), created: !existing };
  });
}

/** Deletes (retires) a rule: nothing of its kind is removed any more; what it removed stays on record. */
export async function deleteRule(db: Database, actor: Actor, id: string): Promise<void> {
  requireRole(actor, ...CONFIGURERS);
  await db.tenant(actor.municipalityId, async (tx) => {
    await repo.lockRules(tx, actor.municipalityId);
    const rule = await repo.getRule(tx, id);
    if (!rule || !(await repo.retireRule(tx, id))) throw new AppError('NOT_FOUND', 'No such retention rule.');
    await recordConfig(tx, actor, 'retention_rule.delete', id, {
      agencyId: rule.agencyId,
      recordType: rule.recordType,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What is due

type DuePerson = Awaited<ReturnType<typeof repo.personCandidates>>[number] & { records: string[] };
type Plan = { date: string; items: repo.ItemRow[]; persons: DuePerson[] };

/**
 * What the rules remove on a day: the items past their period, and the persons to anonymise under a person rule
 * (every item of every agency gone, counting the items removed on that day, and last changed long enough ago).
 */
async function planFor(tx: Tx, date: string): Promise<Plan> {
  const items = await repo.dueItems(tx, date);
  const candidates = await repo.personCandidates(tx, date);
  if (candidates.length === 0) return { date, items, persons: [] };
  const records = await repo.treeRecords(
    tx,
    candidates.map((c) => c.rootId),
  );
  const due = new Set(items.map((i) => i.id));
  const blocked = new Set(
    (
      await repo.itemsOf(
        tx,
        records.map((r) => r.id),
      )
    )
      .filter((i) => !due.has(i.id))
      .map((i) => i.rootId),
  );
  const persons = candidates
    .filter((c) => !blocked.has(c.rootId))
    .map((c) => ({ ...c, records: records.filter((r) => r.rootId === c.rootId).map((r) => r.id) }));
  return { date, items, persons };
}

async function summarise(tx: Tx, plan: Plan): Promise<RetentionPlan> {
  const rules = new Map((await repo.listRules(tx)).map((r) => [r.id, r]));
  const byRule = new Map<string, string[]>();
  const add = (ruleId: string, id: string) => byRule.set(ruleId, [...(byRule.get(ruleId) ?? []), id]);
  for (const i of plan.items) add(i.ruleId!, i.id);
  for (const p of plan.persons) add(p.ruleId, p.rootId);
  const due: RetentionRuleDue[] = [...byRule.entries()].map(([ruleId, ids]) => {
    const r = rules.get(ruleId)!;
    return {
      ruleId,
      agencyId: r.agencyId as RetentionRuleDue['agencyId'],
      agencyName: r.agencyName,
      recordType: r.recordType as RetentionRecordType,
      years: r.years,
      paragraph: r.paragraph,
      count: ids.length,
      recordIds: ids,
    };
  });
  due.sort(
    (a, b) => a.agencyName.localeCompare(b.agencyName, 'de') || a.recordType.localeCompare(b.recordType),
  );
  return { date: plan.date, rules: due, total: plan.items.length + plan.persons.length };
}

/** The dry run: what a run would remove today, per rule with the record ids. Removes nothing. */
export async function dueToday(db: Database, actor: Actor): Promise<RetentionPlan> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) => summarise(tx, await planFor(tx, todayInGermany())));
}

// ---------------------------------------------------------------------------------------------------------------
// Removing

type Removal = repo.RemovalInsert;
type Removed = { lines: Removal[]; reindex: Set<string> };

const sameIdentifier = (i: { kind: string; value: string; agencyId: string | null }) => (e: unknown) =>
  typeof e === 'object' &&
  e !== null &&
  (e as Record<string, unknown>).kind === i.kind &&
  (e as Record<string, unknown>).value === i.value &&
  ((e as Record<string, unknown>).agencyId ?? null) === i.agencyId;

/**
 * Deletes items and the history rows that carry their values: residence, benefit and note rows are deleted whole;
 * a history row naming several identifiers loses only the removed ones (and is deleted when none is left).
 */
async function removeItems(
  tx: Tx,
  municipalityId: string,
  items: repo.ItemRow[],
  ruleOf: (i: repo.ItemRow) => string | null,
): Promise<Removed> {
  const lines: Removal[] = [];
  const reindex = new Set<string>();
  if (items.length === 0) return { lines, reindex };
  const byId = new Map(items.map((i) => [i.id, i]));
  const ids = (type: string) => items.filter((i) => i.recordType.split('.')[0] === type).map((i) => i.id);

  // History first: its rows are found by the values of the items.
  const history = await repo.historyOfItems(tx, {
    residence: ids('residence'),
    benefit: ids('benefit'),
    note: ids('note'),
  });
  const historyLine = (id: number, item: repo.ItemRow, action: Removal['action']): Removal => ({
    ruleId: ruleOf(item),
    agencyId: item.agencyId,
    recordType: 'history',
    recordId: String(id),
    personId: item.rootId,
    action,
  });
  const deleteHistory = history.map((h) => h.id);
  for (const h of history) lines.push(historyLine(h.id, byId.get(h.itemId)!, 'deleted'));

  const identifiers = await repo.identifierValues(tx, ids('identifier'));
  const rewrite: { id: number; oldValue: unknown; newValue: unknown }[] = [];
  if (identifiers.length > 0) {
    const rows = await repo.historyOfFields(
      tx,
      [...new Set(identifiers.map((i) => i.personId))],
      ['identifiers'],
    );
    for (const row of rows) {
      const mine = identifiers.filter((i) => i.personId === row.personId);
      const strip = (v: unknown) =>
        Array.isArray(v) ? v.filter((e) => !mine.some((i) => sameIdentifier(i)(e))) : v;
      const hits = mine.filter(
        (i) =>
          (Array.isArray(row.oldValue) && row.oldValue.some(sameIdentifier(i))) ||
          (Array.isArray(row.newValue) && row.newValue.some(sameIdentifier(i))),
      );
      if (hits.length === 0) continue;
      const oldValue = strip(row.oldValue);
      const newValue = strip(row.newValue);
      const empty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);
      const item = byId.get(hits[0]!.id)!;
      if (empty(oldValue) && empty(newValue)) {
        deleteHistory.push(row.id);
        lines.push(historyLine(row.id, item, 'deleted'));
      } else {
        rewrite.push({
          id: row.id,
          oldValue: empty(oldValue) ? null : oldValue,
          newValue: empty(newValue) ? null : newValue,
        });
        lines.push(historyLine(row.id, item, 'anonymised'));
      }
    }
    for (const i of identifiers) reindex.add(i.personId);
  }

  for (const type of new Set(items.map((i) => i.recordType)))
    await repo.deleteItems(
      tx,
      type,
      items.filter((i) => i.recordType === type).map((i) => i.id),
    );
  await repo.deleteHistory(tx, municipalityId, deleteHistory);
  await repo.rewriteHistory(tx, municipalityId, rewrite);
  const itemLines = items.map((i): Removal => ({
    ruleId: ruleOf(i),
    agencyId: i.agencyId,
    recordType: i.recordType,
    recordId: i.id,
    personId: i.rootId,
    action: 'deleted',
  }));
  return { lines: [...itemLines, ...lines], reindex };
}

/**
 * Anonymises persons (every record of each tree): relations (both directions) and household memberships deleted,
 * the whole history deleted, names replaced by the marker, everything else emptied, search keys deleted.
 */
async function anonymisePersons(
  tx: Tx,
  municipalityId: string,
  persons: { rootId: string; records: string[]; ruleId: string | null; agencyId: string | null }[],
): Promise<Removal[]> {
  const lines: Removal[] = [];
  if (persons.length === 0) return lines;
  const rootOf = new Map(persons.flatMap((p) => p.records.map((r) => [r, p])));
  const recordIds = [...rootOf.keys()];
  const line = (
    p: (typeof persons)[number],
    recordType: RemovalKind,
    recordId: string,
    action: Removal['action'],
  ) => ({
    ruleId: p.ruleId,
    agencyId: p.agencyId,
    recordType,
    recordId,
    personId: p.rootId,
    action,
  });
  for (const r of await repo.deleteRelationsOf(tx, recordIds))
    lines.push(line(rootOf.get(r.personId) ?? rootOf.get(r.relatedPersonId)!, 'relation', r.id, 'deleted'));
  for (const m of await repo.deleteMembershipsOf(tx, recordIds))
    lines.push(
      line(rootOf.get(m.personId)!, 'household_member', `${m.householdId}:${m.personId}`, 'deleted'),
    );
  const history = await repo.historyOfRecords(tx, recordIds);
  await repo.deleteHistory(
    tx,
    municipalityId,
    history.map((h) => h.id),
  );
  for (const h of history) lines.push(line(rootOf.get(h.personId)!, 'history', String(h.id), 'deleted'));
  const tokens = await nameTokensOf(tx, recordIds);
  await repo.anonymise(tx, recordIds, ANONYMISED_NAME);
  for (const [record, p] of rootOf) lines.push(line(p, 'person', record, 'anonymised'));
  // What else named the person: import reports (outcome kept, name and link emptied), and the name vocabulary.
  for (const f of await forgetPersonsInImports(tx, recordIds))
    lines.push(line(rootOf.get(f.personId)!, 'import_report_line', `${f.importId}:${f.line}`, 'anonymised'));
  // Their cases: the free texts emptied, the skeleton (phases, dates, agencies, obstacle tags) kept.
  for (const p of persons)
    for (const f of await forgetPersonInCases(tx, p.records))
      lines.push(line(p, 'case_text', `${f.kind}:${f.id}`, 'anonymised'));
  await forgetNameTokens(tx, tokens);
  return lines;
}

const countBy = (lines: Removal[], keep: (l: Removal) => boolean = () => true) => {
  const counts = new Map<string, number>();
  for (const l of lines.filter(keep)) counts.set(l.recordType, (counts.get(l.recordType) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => removalKinds.indexOf(a as RemovalKind) - removalKinds.indexOf(b as RemovalKind))
    .map(([recordType, count]) => ({ recordType: recordType as RemovalKind, count }));
};

/**
 * Applies the rules of one municipality in one transaction: deletes what is due (and the history rows that carry
 * it), anonymises the persons due under a person rule, writes the removal record under one run id and the audit
 * entry `retention.run` with the counts. `actor` is null for the scheduled run.
 */
export async function runRetention(
  db: Database,
  municipalityId: string,
  actor: Actor | null,
): Promise<RetentionRun> {
  if (actor) requireRole(actor, ...CONFIGURERS);
  return inMunicipality(db, municipalityId, async (tx) => {
    await repo.lockRetention(tx, municipalityId);
    const plan = await planFor(tx, todayInGermany());
    const summary = await summarise(tx, plan);
    const runId = randomUUID();
    const anonymised = new Set(plan.persons.flatMap((p) => p.records));
    const items = await removeItems(tx, municipalityId, plan.items, (i) => i.ruleId);
    for (const id of items.reindex) if (!anonymised.has(id)) await indexPerson(tx, municipalityId, id);
    const persons = await anonymisePersons(tx, municipalityId, plan.persons);
    const lines = [...items.lines, ...persons];
    await repo.insertRemovals(tx, { municipalityId, runId, reason: 'retention' }, lines);
    // Dry runs of imports never applied hold the parsed lines of an export: kept a week, then deleted.
    const expiredDryRuns = await expireDryRuns(tx);
    const alsoRemoved = countBy(lines, (l) =>
      ['relation', 'household_member', 'history'].includes(l.recordType),
    );
    await recordAudit(tx, {
      municipalityId,
      actor: actor ? { staffId: actor.staffId, agencyId: actor.agencyId } : null,
      action: 'retention.run',
      subjectType: 'retention_run',
      subjectId: runId,
      requestId: actor?.requestId ?? null,
      details: {
        trigger: actor ? 'manual' : 'schedule',
        date: plan.date,
        removed: Object.fromEntries(
          countBy(lines, (l) => l.action === 'deleted').map((c) => [c.recordType, c.count]),
        ),
        anonymisedPersons: plan.persons.length,
        expiredDryRuns,
        rules: summary.rules.map((r) => ({ ruleId: r.ruleId, count: r.count })),
      },
    });
    return { ...summary, runId, alsoRemoved };
  });
}

/**
 * The scheduled job: runs retention for every municipality that has rules, one transaction each. A failure in
 * one municipality does not stop the others; the job fails afterwards (and is retried) if any failed.
 */
export async function runRetentionEverywhere(
  db: Database,
  log: (msg: string) => void,
): Promise<{ municipalityId: string; runId: string; total: number }[]> {
  const municipalities = await db.system((tx) => repo.municipalitiesWithRules(tx));
  const done: { municipalityId: string; runId: string; total: number }[] = [];
  const failed: unknown[] = [];
  for (const municipalityId of municipalities) {
    try {
      const run = await runRetention(db, municipalityId, null);
      done.push({ municipalityId, runId: run.runId, total: run.total });
      if (run.total > 0) log(`retention run ${run.runId} removed ${run.total} records in ${municipalityId}`);
    } catch (err) {
      failed.push(err);
      log(`retention run failed in ${municipalityId}: ${(err as Error).message}`);
    }
  }
  if (failed.length > 0)
    throw new AggregateError(failed, `retention failed in ${failed.length} municipalities`);
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// The removal record

export async function listRemovals(
  db: Database,
  actor: Actor,
  runId: string | null,
  limit: number,
): Promise<RetentionRemoval[]> {
  requireRole(actor, ...CONFIGURERS);
  return db.tenant(actor.municipalityId, async (tx) =>
    (await repo.listRemovals(tx, runId, limit)).map((r) => ({
      id: r.id,
      runId: r.runId,
      reason: r.reason,
      ruleId: r.ruleId,
      paragraph: r.paragraph,
      agencyId: r.agencyId as RetentionRemoval['agencyId'],
      agencyName: r.agencyName,
      recordType: r.recordType as RemovalKind,
      recordId: r.recordId,
      personId: r.personId as RetentionRemoval['personId'],
      action: r.action,
      removedAt: iso(r.removedAt),
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Erasure on request (Art. 17 DSGVO, § 84 SGB X)

/**
 * Erases a person on request (data protection officer): every item whose retention period under a rule still runs
 * is kept (a retention duty stands against erasure) and reported with the rule's paragraph and the date until
 * which it must be kept; everything else is deleted (items of agencies without a rule included), with relations,
 * household memberships and the history rows of what was deleted. If nothing is kept, the person is anonymised.
 * Consents stay (Art. 7 Abs. 1 DSGVO). Audited through the access function as `person.erase`.
 */
export async function erasePerson(
  db: Database,
  actor: Actor,
  personId: string,
  reason: string,
): Promise<ErasureResult> {
  const municipalityId = actor.municipalityId;
  return inMunicipality(db, municipalityId, async (tx) => {
    if (!mayPerson(actor, 'erase'))
      await requirePersonAccess(tx, {
        actor,
        action: 'erase',
        personIds: [],
        purpose: 'case_work',
        details: { view: 'erasure', requestedPersonId: personId },
      });
    await repo.lockRetention(tx, municipalityId);
    const tree = await privacyRepo.treeOf(tx, personId);
    if (!tree) throw new AppError('NOT_FOUND', 'No such person.');
    const today = todayInGermany();
    const items = await repo.itemsOf(tx, tree.ids);
    const protectedItem = (i: repo.ItemRow) =>
      i.ruleId !== null && (i.keepUntil === null || i.keepUntil >= today);
    const kept = items.filter(protectedItem);
    const runId = randomUUID();

    const removed = await removeItems(
      tx,
      municipalityId,
      items.filter((i) => !protectedItem(i)),
      () => null,
    );
    const lines = [...removed.lines];
    const anonymised = kept.length === 0;
    if (anonymised) {
      lines.push(
        ...(await anonymisePersons(tx, municipalityId, [
          { rootId: tree.rootId, records: tree.ids, ruleId: null, agencyId: null },
        ])),
      );
    } else {
      // The person stays for what is kept; relations and household memberships have no retention rule.
      const line = (recordType: RemovalKind, recordId: string): Removal => ({
        ruleId: null,
        agencyId: null,
        recordType,
        recordId,
        personId: tree.rootId,
        action: 'deleted',
      });
      const history = await repo.historyOfFields(tx, tree.ids, ['relations', 'households']);
      for (const r of await repo.deleteRelationsOf(tx, tree.ids)) lines.push(line('relation', r.id));
      for (const m of await repo.deleteMembershipsOf(tx, tree.ids))
        lines.push(line('household_member', `${m.householdId}:${m.personId}`));
      await repo.deleteHistory(
        tx,
        municipalityId,
        history.map((h) => h.id),
      );
      for (const h of history) lines.push(line('history', String(h.id)));
      for (const id of removed.reindex) await indexPerson(tx, municipalityId, id);
    }
    await repo.insertRemovals(tx, { municipalityId, runId, reason: 'erasure_request' }, lines);

    const agencies = new Map((await repo.listAgencies(tx)).map((a) => [a.id, a.name]));
    const groups = new Map<string, ErasureResult['kept'][number]>();
    for (const i of kept) {
      const key = `${i.recordType}|${i.ruleId}`;
      const g = groups.get(key);
      if (!g)
        groups.set(key, {
          recordType: i.recordType as RetentionRecordType,
          agencyName: agencies.get(i.agencyId!) ?? '',
          paragraph: i.paragraph!,
          keepUntil: i.keepUntil,
          count: 1,
        });
      else {
        g.count += 1;
        g.keepUntil =
          g.keepUntil === null || i.keepUntil === null
            ? null
            : g.keepUntil > i.keepUntil
              ? g.keepUntil
              : i.keepUntil;
      }
    }
    const erased = countBy(lines, (l) => l.recordType !== 'person');
    const consents = await repo.countConsents(tx, tree.ids);
    const keptList = [...groups.values()];
    await requirePersonAccess(tx, {
      actor,
      action: 'erase',
      personIds: [tree.rootId],
      purpose: 'case_work',
      details: {
        runId,
        reason,
        erased: Object.fromEntries(erased.map((e) => [e.recordType, e.count])),
        kept: keptList.map((k) => ({ recordType: k.recordType, paragraph: k.paragraph, count: k.count })),
        anonymised,
      },
    });
    return { runId, erased, kept: keptList, anonymised, consents: { kept: consents, reason: CONSENTS_STAY } };
  });
}
