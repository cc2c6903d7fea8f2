import {
  ConsentFormRequest,
  type DataCategory,
  type DocumentLanguage,
  type Person,
  type Purpose,
} from '@lotse/common';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { renderPdf, type PdfBlock } from '../../lib/pdf';
import type { Actor } from '../auth/actor';
import { showPerson } from '../persons/persons.service';
import { todayInGermany } from '../persons/persons.dates';
import * as repo from './privacy.repo';
import type { PersonExport } from './privacy.service';
import { DOCUMENT_TEXTS, VALIDITY } from './privacy.texts';

/**
 * Printed documents of data protection, in the person's language: the consent form for signature, the list of
 * every access to the person's data, and the Art. 15 export. Texts in privacy.texts.ts; layout in lib/pdf.
 */

export const ConsentFormBody = ConsentFormRequest;

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

const dateOfBirth = (p: Person) =>
  p.dateOfBirth.value ?? (p.dateOfBirth.year ? String(p.dateOfBirth.year) : '—');
const addressOf = (p: Person) =>
  p.address
    ? [p.address.street, [p.address.postcode, p.address.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ')
    : '—';
const nameOf = (p: Person) =>
  [
    p.displayName,
    p.name.givenNamesOriginal || p.name.familyNameOriginal
      ? `(${[p.name.givenNamesOriginal, p.name.familyNameOriginal].filter(Boolean).join(' ')})`
      : '',
  ]
    .filter(Boolean)
    .join(' ') || '—';

/** The consent form for signature, with the person's data (as far as the caller may see it) filled in. */
export async function consentForm(
  db: Database,
  actor: Actor,
  personId: string,
  req: ConsentFormRequest,
): Promise<Buffer> {
  const t = DOCUMENT_TEXTS[req.language];
  const { person, template, agencies, municipality } = await db.tenant(actor.municipalityId, async (tx) => {
    const template = await repo.findTemplate(tx, req.templateKey, req.language, req.templateVersion);
    if (!template)
      throw new AppError(
        'VALIDATION_FAILED',
        `There is no consent text "${req.templateKey}" in ${req.language}.`,
        {
          templateKey: `has no text in ${req.language}`,
        },
      );
    const agencies = new Map((await repo.listAgencies(tx)).map((a) => [a.id, a.name]));
    for (const [field, ids] of [
      ['disclosingAgencyIds', req.disclosingAgencyIds],
      ['receivingAgencyIds', req.receivingAgencyIds],
    ] as const)
      ids.forEach((id, i) => {
        if (!agencies.has(id))
          throw new AppError(
            'VALIDATION_FAILED',
            `${field}.${i} is not an agency or partner of this municipality.`,
            {
              [`${field}.${i}`]: 'is not an agency or partner of this municipality',
            },
          );
      });
    const person = await showPerson(tx, actor, personId, 'consent', 'case_work', { view: 'consent_form' });
    return { person, template, agencies, municipality: await repo.municipalityName(tx) };
  });
  const list = (ids: string[]) => ids.map((id) => agencies.get(id)!).join(', ');
  const values = {
    personName: nameOf(person),
    dateOfBirth: dateOfBirth(person),
    disclosing: list(req.disclosingAgencyIds),
    receiving: list(req.receivingAgencyIds),
    categories: req.categories.map((c) => t.category[c]).join(', '),
    purpose: [t.purpose[req.purpose], req.purposeNote].filter(Boolean).join(' – '),
    validFrom: req.validFrom,
    validUntil: req.validUntil ?? t.consentForm.untilRevoked,
    validity: fill(VALIDITY[req.language][req.validUntil ? 'bounded' : 'open'], {
      from: req.validFrom,
      until: req.validUntil ?? '',
    }),
  };
  const blocks: PdfBlock[] = [
    {
      kind: 'fields',
      rows: [
        [t.consentForm.person, values.personName],
        [t.consentForm.dateOfBirth, values.dateOfBirth],
        [t.consentForm.address, addressOf(person)],
      ],
    },
    ...template.body
      .split(/\n\s*\n/)
      .map((para): PdfBlock => ({ kind: 'paragraph', text: fill(para.trim(), values) })),
    {
      kind: 'fields',
      rows: [
        [t.consentForm.disclosing, values.disclosing],
        [t.consentForm.receiving, values.receiving],
        [t.consentForm.categories, values.categories],
        [t.consentForm.purpose, values.purpose],
        [t.consentForm.validFrom, values.validFrom],
        [t.consentForm.validUntil, values.validUntil],
      ],
    },
    { kind: 'paragraph', text: t.consentForm.revocation },
    ...(req.signedBy === 'guardian'
      ? [{ kind: 'paragraph', text: t.consentForm.guardianNote } as PdfBlock]
      : []),
    {
      kind: 'signature',
      lines: [
        t.consentForm.placeDate,
        req.signedBy === 'guardian'
          ? fill(t.consentForm.signatureGuardian, { name: req.guardianName })
          : t.consentForm.signaturePerson,
      ],
    },
    {
      kind: 'paragraph',
      text: fill(t.consentForm.version, {
        key: template.key,
        version: String(template.version),
        language: template.language,
      }),
    },
  ];
  return renderPdf({
    lang: req.language,
    title: template.title,
    subtitle: t.consentForm.heading,
    blocks,
    footer: fill(t.footer, { municipality, date: todayInGermany() }),
  });
}

type LogEntries = PersonExport['accessLog'];

function accessRows(entries: LogEntries, lang: DocumentLanguage): string[][] {
  const t = DOCUMENT_TEXTS[lang];
  const when = new Intl.DateTimeFormat(lang, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  });
  return entries.map((e) => [
    when.format(new Date(e.at)),
    e.agencyName ?? '—',
    e.roles.map((r) => t.role[r as keyof typeof t.role] ?? r).join(', '),
    t.action[e.action as keyof typeof t.action] ?? e.action,
    e.categories.map((c) => t.category[c]).join(', ') || '—',
    e.purpose ? (t.purpose[e.purpose as Purpose] ?? e.purpose) : '—',
    e.bases
      .map((b) => (b.kind === 'own_agency' ? t.basis.own_agency : `${t.basis[b.kind]}: ${b.label}`))
      .join('; ') || (e.emergency ? t.basis.emergency : '—'),
  ]);
}

function accessTable(entries: LogEntries, lang: DocumentLanguage): PdfBlock {
  const c = DOCUMENT_TEXTS[lang].accessLog.columns;
  if (entries.length === 0) return { kind: 'paragraph', text: DOCUMENT_TEXTS[lang].accessLog.empty };
  return {
    kind: 'table',
    columns: [c.at, c.agency, c.role, c.action, c.categories, c.purpose, c.basis],
    rows: accessRows(entries, lang),
  };
}

async function footerOf(db: Database, actor: Actor, lang: DocumentLanguage) {
  const municipality = await db.tenant(actor.municipalityId, (tx) => repo.municipalityName(tx));
  return fill(DOCUMENT_TEXTS[lang].footer, { municipality, date: todayInGermany() });
}

/** The transparency list to print or hand over, in the person's language. */
export async function accessLogPdf(
  db: Database,
  actor: Actor,
  log: { displayName: string; entries: LogEntries },
  lang: DocumentLanguage,
): Promise<Buffer> {
  const t = DOCUMENT_TEXTS[lang].accessLog;
  return renderPdf({
    lang,
    title: t.title,
    subtitle: log.displayName,
    blocks: [
      { kind: 'paragraph', text: fill(t.intro, { name: log.displayName, date: todayInGermany() }) },
      accessTable(log.entries, lang),
      { kind: 'paragraph', text: t.rights },
    ],
    footer: await footerOf(db, actor, lang),
  });
}

/** The Art. 15 export as a document. */
export async function exportPdf(
  db: Database,
  actor: Actor,
  data: PersonExport,
  lang: DocumentLanguage,
): Promise<Buffer> {
  const t = DOCUMENT_TEXTS[lang];
  const f = t.export.fields;
  const p = data.person;
  const none = f.none;
  const orNone = (v: string | null | undefined) => (v ? v : none);
  const table = (columns: string[], rows: string[][]): PdfBlock =>
    rows.length ? { kind: 'table', columns, rows } : { kind: 'paragraph', text: none };
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: fill(t.export.intro, { name: p.displayName, date: todayInGermany() }) },
    { kind: 'heading', text: t.export.sections.person },
    {
      kind: 'fields',
      rows: [
        [f.name, orNone(p.displayName)],
        [
          f.originalName,
          orNone([p.name.givenNamesOriginal, p.name.familyNameOriginal].filter(Boolean).join(' ')),
        ],
        [
          f.birthName,
          orNone(p.birthName ? [p.birthName.givenNames, p.birthName.familyName].join(' ').trim() : null),
        ],
        [
          f.formerNames,
          orNone(p.formerNames.map((n) => `${n.givenNames} ${n.familyName}`.trim()).join('; ')),
        ],
        [f.sex, p.sex],
        [f.dateOfBirth, orNone(p.dateOfBirth.asRecorded ?? p.dateOfBirth.value)],
        [f.placeOfBirth, orNone(p.placeOfBirth)],
        [f.countryOfBirth, orNone(p.countryOfBirth)],
        [f.nationalities, orNone(p.nationalities.join(', '))],
        [f.languages, orNone(p.languages.map((l) => l.code).join(', '))],
        [f.address, addressOf(p)],
        [
          f.contact,
          orNone(
            p.contact
              ? Object.values(p.contact)
                  .filter((v) => typeof v === 'string' && v)
                  .join(', ')
              : null,
          ),
        ],
      ],
    },
    { kind: 'heading', text: t.export.sections.identifiers },
    table(
      [f.kind, f.value, f.agency, f.recordedAt],
      p.identifiers.map((i) => [i.kind, i.value, orNone(i.agencyName), i.recordedAt.slice(0, 10)]),
    ),
    { kind: 'heading', text: t.export.sections.residence },
    table(
      [f.kind, f.paragraph, f.validFrom, f.validUntil, f.agency],
      p.residence.map((r) => [
        r.kind,
        orNone(r.paragraph),
        orNone(r.validFrom),
        orNone(r.validUntil),
        orNone(r.agencyName),
      ]),
    ),
    { kind: 'heading', text: t.export.sections.benefits },
    table(
      [f.system, f.validFrom, f.validUntil, f.agency],
      p.benefits.map((b) => [b.system, b.validFrom, orNone(b.validUntil), orNone(b.agencyName)]),
    ),
    { kind: 'heading', text: t.export.sections.family },
    table(
      [f.relation, f.name],
      [
        ...p.relations.map((r) => [r.relation, orNone(r.relatedDisplayName)]),
        ...p.households.map((h) => [
          h.kind,
          h.members
            .map((m) => m.displayName)
            .filter(Boolean)
            .join(', '),
        ]),
      ],
    ),
    { kind: 'heading', text: t.export.sections.notes },
    table(
      [t.consentForm.categories, f.title, f.agency, f.recordedAt],
      p.notes.map((n) => [
        t.category[n.category as DataCategory],
        `${n.title}${n.body ? `: ${n.body}` : ''}`,
        orNone(n.agencyName),
        n.recordedAt.slice(0, 10),
      ]),
    ),
    { kind: 'heading', text: t.export.sections.consents },
    table(
      [t.consentForm.categories, t.consentForm.purpose, f.validFrom, f.validUntil, f.status],
      data.consents.map((c) => [
        c.categories.map((x) => t.category[x]).join(', '),
        t.purpose[c.purpose],
        c.validFrom,
        c.validUntil ?? t.consentForm.untilRevoked,
        c.status,
      ]),
    ),
    { kind: 'heading', text: t.export.sections.accessLog },
    accessTable(data.accessLog, lang),
    { kind: 'paragraph', text: t.accessLog.rights },
  ];
  return renderPdf({
    lang,
    title: t.export.title,
    subtitle: p.displayName,
    blocks,
    footer: await footerOf(db, actor, lang),
  });
}
