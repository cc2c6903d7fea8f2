import type { Timeline, TimelineEntry } from '@lotse/common';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type { Actor } from '../auth/actor';
import { appointmentTimeline } from '../appointments/appointments.timeline';
import { documentTimeline } from '../intake/intake.service';
import { getHistory, getPerson } from '../persons/persons.service';
import { ticketTimeline } from '../queue/queue.service';
import { listConsents } from '../privacy/privacy.service';
import { caseTimeline } from './cases.service';

/**
 * A person's timeline across agencies, assembled from sources. Each source is one feature's service call that
 * returns the entries the caller may see (it runs its own access checks); a source that refuses the caller
 * (CONSENT_REQUIRED, NOT_PERMITTED, FORBIDDEN) contributes nothing. To add a source, implement `TimelineSource`
 * in the feature's service and add it to `sources`.
 */
export type TimelineSource = {
  name: string;
  entries(db: Database, actor: Actor, personId: string): Promise<TimelineEntry[]>;
};

const history: TimelineSource = {
  name: 'history',
  async entries(db, actor, personId) {
    return (await getHistory(db, actor, personId)).map((c) => ({
      at: c.at,
      source: 'history',
      kind: c.field,
      title: c.field,
      agencyName: c.agencyName,
      link: `/persons/${personId}`,
    }));
  },
};

const consents: TimelineSource = {
  name: 'consent',
  async entries(db, actor, personId) {
    return (await listConsents(db, actor, personId)).flatMap((c) => [
      {
        at: c.recordedAt,
        source: 'consent',
        kind: 'consent.recorded',
        title: c.receiving.map((a) => a.name).join(', '),
        agencyName: c.recordedBy.agencyName,
        link: `/persons/${personId}`,
      },
      ...(c.revokedAt
        ? [
            {
              at: c.revokedAt,
              source: 'consent',
              kind: 'consent.revoked',
              title: c.receiving.map((a) => a.name).join(', '),
              agencyName: null,
              link: `/persons/${personId}`,
            },
          ]
        : []),
    ]);
  },
};

const cases: TimelineSource = { name: 'case', entries: caseTimeline };

/** The sources of the timeline, in no particular order (entries are sorted by time). */
export const sources: TimelineSource[] = [
  history,
  consents,
  cases,
  // The front desk: tickets, appointments and documents handed in (each feature decides what the caller sees).
  { name: 'ticket', entries: ticketTimeline },
  { name: 'appointment', entries: appointmentTimeline },
  { name: 'document', entries: documentTimeline },
];

const REFUSALS = new Set(['CONSENT_REQUIRED', 'NOT_PERMITTED', 'FORBIDDEN']);

/** A person's timeline: the person through the access function, then every source's entries, newest first. */
export async function timeline(db: Database, actor: Actor, personId: string): Promise<Timeline> {
  const person = await getPerson(db, actor, personId);
  const entries: TimelineEntry[] = [];
  for (const source of sources) {
    try {
      entries.push(...(await source.entries(db, actor, person.id)));
    } catch (err) {
      if (!(err instanceof AppError && REFUSALS.has(err.code))) throw err;
    }
  }
  entries.sort((a, b) => b.at.localeCompare(a.at));
  return { personId: person.id, displayName: person.displayName, entries };
}
