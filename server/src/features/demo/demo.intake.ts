import type { Agency, DocumentClass, DocumentLanguage, Staff } from '@lotse/common';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { demoPersonId, seedIntake } from '../intake/intake.service';
import { documentKey, documentStore } from '../intake/intake.storage';

/** What the demo's documents need: where the store is and its key. */
export type DemoDocumentsConfig = Pick<Config, 'dataDir' | 'documentKey' | 'mode'>;

// Tiny but real files: a one-page PDF and a 1×1 PNG.
const PDF = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${title}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type DemoIntake = {
  person: [given: string, family: string];
  language: DocumentLanguage;
  desk: string;
  documents: [fileName: string, documentClass: DocumentClass, agency: string][];
  processedBy?: string;
};

const INTAKES: DemoIntake[] = [
  {
    person: ['Mohammed', 'Al-Hassan'],
    language: 'ar',
    desk: 'empfang',
    documents: [
      ['reisepass-al-hassan.pdf', 'passport', 'abh'],
      ['lohnabrechnung-oktober.png', 'pay_slip', 'jobcenter'],
    ],
  },
  {
    person: ['Nour', 'Khalil'],
    language: 'ar',
    desk: 'empfang2',
    documents: [['bescheid-kindergeld.pdf', 'notice', 'jobcenter']],
    processedBy: 'jobcenter',
  },
];

/** A few documents handed in at the demo's front desk, in the inboxes of the Ausländerbehörde and the Jobcenter. */
export async function seedDemoIntakes(
  db: Database,
  config: DemoDocumentsConfig,
  demo: { municipalityId: string; agencies: Map<string, Agency>; staff: Map<string, Staff> },
): Promise<number> {
  const vault = { store: documentStore(config), key: await documentKey(config) };
  let seeded = 0;
  for (const i of INTAKES) {
    const personId = await demoPersonId(db, demo.municipalityId, ...i.person);
    const desk = demo.staff.get(i.desk);
    if (!personId || !desk) continue;
    await seedIntake(db, vault, {
      municipalityId: demo.municipalityId,
      personId,
      language: i.language,
      receivedBy: desk.id,
      receivedByAgency: desk.agencyId,
      documents: i.documents.map(([fileName, documentClass, agency]) => ({
        fileName,
        documentClass,
        agencyId: demo.agencies.get(agency)!.id,
        content: fileName.endsWith('.png') ? PNG : PDF(fileName),
      })),
      ...(i.processedBy ? { processedBy: demo.staff.get(i.processedBy)!.id } : {}),
    });
    seeded++;
  }
  return seeded;
}
