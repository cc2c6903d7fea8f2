import {
  type AgencyId,
  dataCategories,
  type DataCategory,
  type LegalDomain,
  type ProcessingRecord,
  type Purpose,
  purposes as allPurposes,
  type RetentionRecordType,
} from '@lotse/common';
import type { Database } from '../../db/database';
import { renderPdf, type PdfBlock } from '../../lib/pdf';
import { defaultPurpose } from '../access/access.service';
import { type Actor, requireRole } from '../auth/actor';
import { todayInGermany } from '../persons/persons.dates';
import * as privacyRepo from './privacy.repo';
import * as repo from './retention.repo';
import { DOCUMENT_TEXTS } from './privacy.texts';

/**
 * The record of processing activities (Art. 30 DSGVO), generated from the configuration: per agency its legal
 * domains, purposes, categories of data, recipients (legal bases; partners only by consent), retention rules, and
 * the technical and organisational measures. No person data goes into it.
 */

export type RecordLanguage = 'de' | 'en';

type Texts = {
  title: string;
  intro: string;
  kind: Record<'agency' | 'partner', string>;
  labels: {
    kind: string;
    legalDomains: string;
    purposes: string;
    categories: string;
    recipients: string;
    retention: string;
    measures: string;
    special: string;
    none: string;
    allAgencies: string;
    basis: string;
    to: string;
    recordType: string;
    years: string;
    paragraph: string;
  };
  consentTitle: string;
  recordType: Record<RetentionRecordType, string>;
  measures: string[];
  footer: string;
};

const CONSENT_PARAGRAPH = 'Art. 6 Abs. 1 lit. a, Art. 7 DSGVO; § 67b SGB X';

const TEXTS: Record<RecordLanguage, Texts> = {
  de: {
    title: 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)',
    intro:
      'Erzeugt aus der Konfiguration von Lotse am {date}: je Behörde und Kooperationspartner die Zwecke, die Kategorien personenbezogener Daten, die Empfänger mit Rechtsgrundlage, die Aufbewahrungsfristen und die technischen und organisatorischen Maßnahmen.',
    kind: { agency: 'Behörde / Stelle', partner: 'Kooperationspartner' },
    labels: {
      kind: 'Art',
      legalDomains: 'Rechtskreise',
      purposes: 'Zwecke',
      categories: 'Kategorien von Daten',
      recipients: 'Empfänger',
      retention: 'Aufbewahrung und Löschung',
      measures: 'Technische und organisatorische Maßnahmen (Art. 32 DSGVO)',
      special: 'besondere Kategorie, Art. 9 DSGVO',
      none: 'keine',
      allAgencies: 'alle Behörden',
      basis: 'Rechtsgrundlage',
      to: 'an',
      recordType: 'Datenart',
      years: 'Jahre',
      paragraph: 'Vorschrift',
    },
    consentTitle: 'Nur mit Einwilligung der Person',
    recordType: {
      residence: 'Aufenthaltstitel',
      benefit: 'Leistungszeiträume',
      identifier: 'Kennungen (Aktenzeichen, Nummern)',
      'note.employment': 'Einträge Arbeit und Beschäftigung',
      'note.education': 'Einträge Bildung',
      'note.health': 'Einträge Gesundheit',
      'note.case_notes': 'Beratungs- und Fallnotizen',
      person: 'Person (Anonymisierung)',
    },
    measures: [
      'Mandantentrennung in der Datenbank durch Row-Level-Security: jede Kommune sieht nur ihre eigenen Daten, auch bei einer fehlerhaften Abfrage.',
      'Zugriff auf Personendaten nur über eine zentrale Zugriffsfunktion nach Rolle, Behörde, Zweck, Einwilligung oder Rechtsgrundlage; jeder Zugriff wird protokolliert.',
      'Manipulationssicheres Protokoll: die Einträge jeder Kommune bilden eine SHA-256-Hashkette, prüfbar mit „lotse audit verify“.',
      'Verschlüsselung bei der Übertragung (HTTPS/TLS); Sitzungs-Cookies nur HttpOnly und SameSite; Schutz gegen Cross-Site-Request-Forgery.',
      'Anmeldung mit Passwort und Zwei-Faktor-Code oder über den Identitätsanbieter der Kommune; Sperre nach wiederholten Fehlversuchen.',
      'Löschung nach den konfigurierten Aufbewahrungsfristen (täglicher Lauf) und auf Antrag; Nachweis der Löschung ohne Inhalte.',
    ],
    footer: 'Lotse · {municipality} · {date}',
  },
  en: {
    title: 'Record of processing activities (Art. 30 GDPR)',
    intro:
      'Generated from the configuration of Lotse on {date}: per agency and partner the purposes, the categories of personal data, the recipients with their legal basis, the retention periods and the technical and organisational measures.',
    kind: { agency: 'Agency', partner: 'Partner' },
    labels: {
      kind: 'Kind',
      legalDomains: 'Legal domains',
      purposes: 'Purposes',
      categories: 'Categories of data',
      recipients: 'Recipients',
      retention: 'Retention and erasure',
      measures: 'Technical and organisational measures (Art. 32 GDPR)',
      special: 'special category, Art. 9 GDPR',
      none: 'none',
      allAgencies: 'all agencies',
      basis: 'Legal basis',
      to: 'to',
      recordType: 'Kind of data',
      years: 'Years',
      paragraph: 'Provision',
    },
    consentTitle: "Only with the person's consent",
    recordType: {
      residence: 'Residence titles',
      benefit: 'Benefit periods',
      identifier: 'Identifiers (file and customer numbers)',
      'note.employment': 'Employment entries',
      'note.education': 'Education entries',
      'note.health': 'Health entries',
      'note.case_notes': 'Case notes',
      person: 'Person (anonymisation)',
    },
    measures: [
      'Tenant separation in the database by row-level security: each municipality sees only its own data, even from a faulty query.',
      'Person data only through one access function deciding by role, agency, purpose, consent or legal basis; every access is logged.',
      'Tamper-evident audit log: each municipality\'s entries form a SHA-256 hash chain, checked by "lotse audit verify".',
      'Encryption in transit (HTTPS/TLS); session cookies HttpOnly and SameSite; protection against cross-site request forgery.',
      "Sign-in with password and a second factor or through the municipality's identity provider; lock-out after repeated failures.",
      'Deletion after the configured retention periods (daily run) and on request; proof of deletion without content.',
    ],
    footer: 'Lotse · {municipality} · {date}',
  },
};

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

const byOrder =
  <T extends string>(order: readonly T[]) =>
  (a: T, b: T) =>
    order.indexOf(a) - order.indexOf(b);

/** The record of processing activities of the caller's municipality (administrator, data protection officer). */
export async function processingRecord(
  db: Database,
  actor: Actor,
  lang: RecordLanguage = 'de',
): Promise<ProcessingRecord> {
  requireRole(actor, 'municipal_admin', 'data_protection_officer');
  const t = TEXTS[lang];
  return db.tenant(actor.municipalityId, async (tx) => {
    const [agencies, bases, rules, consentPurposes, controller] = [
      await repo.listAgencies(tx),
      (await privacyRepo.listLegalBases(tx)).filter((b) => b.active),
      await repo.listRules(tx),
      await repo.consentPurposesByReceiver(tx),
      await privacyRepo.municipalityName(tx),
    ];
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const authorities = agencies.filter((a) => a.kind === 'agency');
    const partners = agencies.filter((a) => a.kind === 'partner');
    const receives = new Map(consentPurposes.map((c) => [c.agencyId, c.purposes]));

    return {
      controller,
      generatedAt: new Date().toISOString(),
      agencies: agencies.map((a) => {
        const isAgency = a.kind === 'agency';
        const purposes = new Set<Purpose>([defaultPurpose({ kind: a.kind, legalDomains: a.legalDomains })]);
        if (isAgency)
          for (const b of bases)
            if (b.toAgencyIds.length === 0 || b.toAgencyIds.includes(a.id))
              for (const p of b.purposes) purposes.add(p as Purpose);
        for (const p of receives.get(a.id) ?? []) purposes.add(p as Purpose);

        const recipients: ProcessingRecord['agencies'][number]['recipients'] = isAgency
          ? bases
              .filter((b) => b.fromAgencyIds.length === 0 || b.fromAgencyIds.includes(a.id))
              .map((b) => ({
                basis: 'legal_basis' as const,
                legalBasisId: b.id,
                paragraph: b.paragraph,
                title: b.title,
                recipients: (b.toAgencyIds.length === 0
                  ? authorities.filter((x) => x.id !== a.id).map((x) => x.id)
                  : b.toAgencyIds
                ).map((id) => names.get(id) ?? id),
                allAgencies: b.toAgencyIds.length === 0,
                categories: [...(b.categories as DataCategory[])].sort(byOrder(dataCategories)),
                purposes: [...(b.purposes as Purpose[])].sort(byOrder(allPurposes)),
              }))
          : [];
        // Partners receive only by consent; a partner discloses only by consent.
        const byConsent = (isAgency ? partners : agencies).filter((x) => x.id !== a.id).map((x) => x.name);
        if (byConsent.length > 0)
          recipients.push({
            basis: 'consent',
            legalBasisId: null,
            paragraph: CONSENT_PARAGRAPH,
            title: t.consentTitle,
            recipients: byConsent,
            allAgencies: false,
            categories: [],
            purposes: [],
          });

        return {
          id: a.id as AgencyId,
          name: a.name,
          kind: a.kind,
          legalDomains: a.legalDomains as LegalDomain[],
          purposes: [...purposes].sort(byOrder(allPurposes)),
          categories: dataCategories.map((category) => ({
            category,
            specialCategory: category === 'health',
          })),
          recipients,
          retention: rules
            .filter((r) => r.agencyId === a.id)
            .map((r) => ({
              recordType: r.recordType as RetentionRecordType,
              years: r.years,
              paragraph: r.paragraph,
              description: r.description,
            })),
        };
      }),
      technicalMeasures: t.measures,
    };
  });
}

/** The record as a PDF (lib/pdf). */
export async function processingRecordPdf(record: ProcessingRecord, lang: RecordLanguage): Promise<Buffer> {
  const t = TEXTS[lang];
  const doc = DOCUMENT_TEXTS[lang];
  const date = todayInGermany();
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : t.labels.none);
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: fill(t.intro, { date }) }];
  for (const a of record.agencies) {
    blocks.push(
      { kind: 'heading', text: a.name },
      {
        kind: 'fields',
        rows: [
          [t.labels.kind, t.kind[a.kind]],
          [
            t.labels.legalDomains,
            list(a.legalDomains.filter((d) => d !== 'none').map((d) => d.replace('_', ' '))),
          ],
          [t.labels.purposes, list(a.purposes.map((p) => doc.purpose[p]))],
          [
            t.labels.categories,
            list(
              a.categories.map((c) =>
                c.specialCategory
                  ? `${doc.category[c.category]} (${t.labels.special})`
                  : doc.category[c.category],
              ),
            ),
          ],
        ],
      },
      {
        kind: 'table',
        columns: [
          t.labels.basis,
          t.labels.recipients,
          doc.accessLog.columns.categories,
          doc.accessLog.columns.purpose,
        ],
        rows: a.recipients.map((r) => [
          `${r.paragraph} – ${r.title}`,
          r.allAgencies ? `${t.labels.allAgencies} (${list(r.recipients)})` : list(r.recipients),
          list(r.categories.map((c) => doc.category[c])),
          list(r.purposes.map((p) => doc.purpose[p])),
        ]),
      },
    );
    if (a.retention.length > 0)
      blocks.push({
        kind: 'table',
        columns: [t.labels.retention, t.labels.years, t.labels.paragraph],
        rows: a.retention.map((r) => [
          [t.recordType[r.recordType], r.description].filter(Boolean).join(' – '),
          String(r.years),
          r.paragraph,
        ]),
      });
    else blocks.push({ kind: 'fields', rows: [[t.labels.retention, t.labels.none]] });
  }
  blocks.push(
    { kind: 'heading', text: t.labels.measures },
    { kind: 'paragraph', text: record.technicalMeasures.map((m) => `• ${m}`).join('\n') },
  );
  return renderPdf({
    lang,
    title: t.title,
    subtitle: record.controller,
    blocks,
    footer: fill(t.footer, { municipality: record.controller, date }),
  });
}
