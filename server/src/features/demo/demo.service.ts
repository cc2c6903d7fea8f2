import type { Database } from '../../db/database';
import { countMunicipalities, provisionMunicipality } from '../organisation/organisation.service';
import {
  DEMO_AGENCIES,
  DEMO_LEGAL_BASES,
  DEMO_MUNICIPALITY,
  DEMO_PASSWORD,
  DEMO_SITES,
  DEMO_STAFF,
} from './demo.data';
import { queueDuplicates } from '../identity/scan.service';
import { seedRules } from '../privacy/retention.service';
import { seedDemoPersons } from './demo.persons';
import { seedDemoCases } from './demo.cases';
import { type DemoDocumentsConfig, seedDemoIntakes } from './demo.intake';
import { seedDemoQueue } from './demo.queue';
import { seedDemoAppointments } from './demo.appointments';

/** On an empty database, creates the demo municipality; returns false when there was already data. */
export async function seedDemoIfEmpty(db: Database, documents: DemoDocumentsConfig): Promise<boolean> {
  if ((await countMunicipalities(db)) > 0) return false;
  const { municipality, agencies, staff } = await provisionMunicipality(db, {
    municipality: { ...DEMO_MUNICIPALITY, isDemo: true },
    sites: [...DEMO_SITES],
    agencies: DEMO_AGENCIES,
    staff: DEMO_STAFF.map((s) => ({ ...s, password: DEMO_PASSWORD })),
    legalBases: DEMO_LEGAL_BASES,
  });
  await seedDemoPersons(db, { municipalityId: municipality.id, agencies, staff });
  await seedDemoCases(db, { municipalityId: municipality.id, agencies, staff });
  await seedDemoIntakes(db, documents, { municipalityId: municipality.id, agencies, staff });
  await seedDemoQueue(db, municipality.id, agencies);
  await seedDemoAppointments(db, { municipalityId: municipality.id, agencies, staff });
  // Retention as DOMAIN.md describes it: Ausländerbehörde files 10 years, integration-course data 5 years.
  const id = (code: string) => agencies.get(code)!.id;
  await db.tenant(municipality.id, (tx) =>
    seedRules(tx, municipality.id, [
      ...(['residence', 'identifier'] as const).map((recordType) => ({
        agencyId: id('abh'),
        recordType,
        years: 10,
        paragraph: '§ 68 AufenthV',
        description: 'Ausländerakten: 10 Jahre nach Ablauf (Annahme der Demo: ab Ende der Gültigkeit)',
      })),
      {
        agencyId: id('ki'),
        recordType: 'note.education',
        years: 5,
        paragraph: '§ 26 DeuFöV',
        description: 'Daten zum Integrationskurs: höchstens 5 Jahre',
      },
    ]),
  );
  // The review queue starts with the deliberate duplicates of the demo, as a real first scan would find them.
  await db.system((tx) => queueDuplicates(tx, municipality.id));
  return true;
}

/** The sign-in table printed at start and kept in the README. */
export function demoSignInTable(): string {
  const rows = DEMO_STAFF.map(
    (s) => `  ${s.username.padEnd(20)} ${s.roles.join(', ').padEnd(30)} ${s.agency}`,
  );
  return [`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`, ...rows].join('\n');
}
