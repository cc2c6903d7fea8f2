import type { Agency, ConsentInput, Staff } from '@lotse/common';
import type { Database } from '../../db/database';
import { seedCase, seedPersonId } from '../cases/cases.service';
import { todayInGermany } from '../persons/persons.dates';
import { seedConsent } from '../privacy/privacy.service';

const DAY = 86_400_000;

/**
 * Demo cases of the KI's integration management (issue 6): Rami Khalil's case, in implementation, with an
 * assessment, a plan whose integration course ends soon (a deadline that arrives by itself), a consent to Caritas
 * and a referral to Caritas awaiting an answer, and a structural obstacle.
 */
export async function seedDemoCases(
  db: Database,
  demo: { municipalityId: string; agencies: Map<string, Agency>; staff: Map<string, Staff> },
): Promise<void> {
  const today = todayInGermany();
  const plus = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  const agency = (code: string) => demo.agencies.get(code)!.id;
  const karin = demo.staff.get('ki')!.id;
  await db.tenant(demo.municipalityId, async (tx) => {
    const rami = await seedPersonId(tx, 'Rami', 'Khalil');
    if (!rami) return;
    // Rami Khalil agreed that the KI hands his case over to Caritas (identity and case notes, case management).
    const consentId = await seedConsent(tx, demo.municipalityId, {
      personId: rami,
      disclosingAgencyIds: [agency('ki')] as ConsentInput['disclosingAgencyIds'],
      receivingAgencyIds: [agency('caritas')] as ConsentInput['receivingAgencyIds'],
      categories: ['identity_contact', 'case_notes'],
      purpose: 'case_management',
      purposeNote: 'Überleitung an die Anerkennungsberatung der Caritas',
      validFrom: plus(-7),
      validUntil: plus(358),
      form: 'electronic',
      note: '',
      templateKey: 'standard',
      templateVersion: 1,
      language: 'ar',
      signedBy: 'person',
      guardianName: '',
      recordedBy: karin,
      recordedByAgency: agency('ki'),
    });
    await seedCase(tx, demo.municipalityId, {
      personId: rami,
      agencyId: agency('ki'),
      managerId: karin,
      title: 'Integrationsbegleitung Familie Khalil',
      stageOfLife: 'adult',
      phase: 'implementation',
      assessment: [
        {
          area: 'german_language',
          situation: 'B1 mündlich, A2 schriftlich',
          goal: 'DTZ B1 bestehen',
          need: 'medium',
        },
        {
          area: 'vocational_training',
          situation: 'Abschluss als Pflegefachkraft in Syrien, nicht anerkannt',
          goal: 'Als Pflegefachkraft arbeiten',
          need: 'high',
        },
        {
          area: 'family_childcare',
          situation: 'Adam (4) hat keinen Kita-Platz',
          goal: 'Kita-Platz für Adam',
          need: 'high',
        },
        { area: 'naturalisation', situation: 'Seit 2016 in Deutschland', goal: 'Einbürgerung', need: 'low' },
      ],
      goals: [
        {
          title: 'Anerkennung des Pflegeabschlusses',
          area: 'vocational_training',
          steps: [
            { title: 'Anerkennungsberatung', kind: 'step', agencyId: agency('caritas'), dueOn: plus(30) },
            { title: 'Zeugnisse übersetzen lassen', kind: 'step', agencyId: null, dueOn: plus(-3) },
          ],
        },
        {
          title: 'Deutsch B1',
          area: 'german_language',
          steps: [
            {
              title: 'Integrationskurs (Abschlussprüfung DTZ)',
              kind: 'integration_course',
              agencyId: null,
              dueOn: plus(20),
            },
          ],
        },
      ],
      agreementNote: 'Mündlich mit Dolmetscher (Arabisch) im Erstgespräch',
      referrals: [
        {
          toAgencyId: agency('caritas'),
          need: 'Anerkennungsberatung für den Pflegeabschluss',
          handoverNote:
            'Herr Khalil ist motiviert; Unterlagen liegen in Kopie vor. Bitte Termin mit Dolmetscher.',
          dueOn: plus(7),
          consentId,
        },
      ],
      obstacles: [
        {
          tag: 'recognition_problem',
          note: 'Ausländischer Pflegeabschluss: Anerkennungsverfahren dauert über ein Jahr, Kenntnisprüfung nicht vor Ort.',
        },
      ],
    });
  });
}
