import type { Database } from '../../db/database';
import { seedQueue } from '../queue/queue.service';

type Agencies = Map<string, { id: string }>;

// The demo is open around the clock so that it can be tried at any hour; collecting a residence permit keeps
// real office hours, so the kiosk also shows a closed service.
const ALWAYS = { weekdays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '23:59' };
const service = (
  key: string,
  agency: string,
  name: string,
  prefix: string,
  pictogram: string,
  position: number,
  extra: Partial<{ weekdays: number[]; opensAt: string; closesAt: string; dailyCap: number | null }> = {},
) => ({
  key,
  agency,
  name,
  prefix,
  pictogram,
  position,
  ...ALWAYS,
  dailyCap: null as number | null,
  noShowAfterCalls: 3,
  defaultServiceMinutes: 5,
  active: true,
  ...extra,
});

/** The walk-in services of the Haus der Integration's ground floor and the counters and rooms that serve them. */
export const DEMO_QUEUE = {
  siteName: 'Haus der Integration',
  services: [
    service('documents', 'empfang', 'Unterlagen abgeben', 'A', 'documents', 1),
    service('question', 'empfang', 'Kurze Frage', 'B', 'question', 2),
    service('appointment', 'empfang', 'Termin vereinbaren', 'C', 'calendar', 3),
    service('permit', 'abh', 'Aufenthaltstitel abholen', 'D', 'permit', 4, {
      weekdays: [1, 2, 3, 4, 5],
      opensAt: '08:00',
      closesAt: '12:00',
      dailyCap: 120,
    }),
    service('jobcenter', 'jobcenter', 'Jobcenter: Antrag und Unterlagen', 'J', 'work', 5, { dailyCap: 300 }),
    service('wh', 'wh', 'Wirtschaftliche Hilfe: Auszahlung und Fragen', 'W', 'money', 6),
  ],
  counters: [
    { name: 'Schalter 1', room: 'Erdgeschoss', services: ['documents', 'question', 'appointment'] },
    { name: 'Schalter 2', room: 'Erdgeschoss', services: ['documents', 'question', 'appointment'] },
    { name: 'Schalter 3', room: 'Erdgeschoss', services: ['permit', 'documents'] },
    { name: 'Raum E.04', room: 'E.04', services: ['jobcenter'] },
    { name: 'Raum E.05', room: 'E.05', services: ['wh'] },
  ],
};

/** Seeds the demo's queue services and counters. */
export async function seedDemoQueue(db: Database, municipalityId: string, agencies: Agencies): Promise<void> {
  await db.tenant(municipalityId, (tx) =>
    seedQueue(tx, municipalityId, {
      siteName: DEMO_QUEUE.siteName,
      services: DEMO_QUEUE.services.map(({ agency, ...s }) => ({ ...s, agencyId: agencies.get(agency)!.id })),
      counters: DEMO_QUEUE.counters.map((c) => ({ ...c, active: true })),
    }),
  );
}
