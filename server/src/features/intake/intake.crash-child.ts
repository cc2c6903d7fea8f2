/**
 * A process for the durability test (intake.durability.test.ts) to kill: it receives documents one intake after
 * another and prints `ACK <intakeId>` for each the desk would acknowledge (a receipt), `BEGIN <n>` before each.
 * The test kills it with SIGKILL in the middle of an upload and checks that everything acknowledged survived.
 *
 *   tsx intake.crash-child.ts <database url or PGlite folder> <store folder> <key base64>
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PersonCreate } from '@lotse/common';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import type { Actor } from '../auth/actor';
import { provisionMunicipality } from '../organisation/organisation.service';
import { createPerson } from '../persons/persons.service';
import { receiveDocuments } from './intake.service';
import { FileDocumentStore } from './intake.storage';

const [target = '', storeDir = '', keyBase64 = ''] = process.argv.slice(2);
const db = await openDatabase(
  target.startsWith('postgres') ? { databaseUrl: target, dataDir: '' } : { dataDir: target },
);
await migrate(db);
const s = randomBytes(4).toString('hex');
const { municipality, agencies, staff } = await provisionMunicipality(db, {
  municipality: { slug: `crash-${s}`, name: `Crash ${s}`, isDemo: false },
  sites: [{ key: 'main', name: 'Haus', address: 'Teststraße 1' }],
  agencies: [
    { kind: 'agency', code: 'abh', name: 'Ausländerbehörde', legalDomains: ['AufenthG'], site: 'main' },
  ],
  staff: [
    {
      username: `desk-${s}`,
      displayName: 'Desk',
      agency: 'abh',
      roles: ['caseworker'],
      password: 'x-x-x-x-x-x',
    },
  ],
});
const actor: Actor = {
  staffId: staff.get(`desk-${s}`)!.id,
  municipalityId: municipality.id,
  agencyId: agencies.get('abh')!.id,
  roles: ['caseworker'],
  authMethod: 'password',
  sessionIdHash: 'crash-test',
  requestId: randomUUID(),
};
const created = await createPerson(
  db,
  actor,
  PersonCreate.parse({
    name: { givenNames: 'Amal', familyName: 'Crash' },
    confirmNew: true,
  }),
);
if (created.kind !== 'created') throw new Error('no person');
const vault = { store: new FileDocumentStore(storeDir), key: Buffer.from(keyBase64, 'base64') };
console.log(`READY ${municipality.id}`);

// Files of a few MB: encrypting, writing and flushing them takes long enough to be killed in the middle.
const file = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3 * 1024 * 1024)]);
for (let n = 1; ; n++) {
  console.log(`BEGIN ${n}`);
  const intake = await receiveDocuments(db, vault, actor, {
    personId: created.person.id,
    language: null,
    documents: [1, 2].map((i) => ({
      fileName: `scan-${n}-${i}.pdf`,
      documentClass: 'passport' as const,
      agencyId: null,
      note: '',
      contentBase64: file().toString('base64'),
    })),
  });
  console.log(`ACK ${intake.id}`);
}
