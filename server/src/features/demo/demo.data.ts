import {
  type AgencyInput,
  type IdentityField,
  type LegalDomain,
  type OrganisationKind,
  purposes,
  type Role,
} from '@lotse/common';
import type { MunicipalitySpec } from '../organisation/organisation.service';

/** The demo municipality, modelled on Wuppertal's Haus der Integration (shared/DOMAIN.md). Clearly fictional people. */
export const DEMO_MUNICIPALITY = { slug: 'wuppertal-demo', name: 'Stadt Wuppertal (Demo)' };
export const DEMO_PASSWORD = 'lotse-demo';

export const DEMO_SITES = [
  { key: 'hdi', name: 'Haus der Integration', address: 'Demo-Adresse, 42103 Wuppertal' },
  {
    key: 'school',
    name: 'Ehemalige Schule Hufschmiedstraße',
    address: 'Hufschmiedstraße (Demo), 42281 Wuppertal',
  },
] as const;

type DemoAgency = Omit<AgencyInput, 'siteId' | 'active'> & { site: 'hdi' | 'school' | null };
const agency = (
  kind: OrganisationKind,
  code: string,
  name: string,
  legalDomains: LegalDomain[],
  site: DemoAgency['site'],
) => ({ kind, code, name, legalDomains, site }) satisfies DemoAgency;

export const DEMO_AGENCIES: DemoAgency[] = [
  agency('agency', 'verwaltung', 'Stadtverwaltung – Administration', ['none'], 'hdi'),
  agency('agency', 'empfang', 'Empfang und Servicecenter (Minutengeschäft)', ['none'], 'hdi'),
  agency('agency', 'abh', 'Ausländerbehörde', ['AufenthG'], 'hdi'),
  agency('agency', 'jobcenter', 'Jobcenter Wuppertal – zebera', ['SGB_II'], 'hdi'),
  agency('agency', 'integration-point', 'Agentur für Arbeit – Integration Point', ['SGB_III'], 'hdi'),
  agency('agency', 'wh', 'Wirtschaftliche Hilfe', ['AsylbLG', 'SGB_XII'], 'hdi'),
  agency('agency', 'ki', 'Kommunales Integrationszentrum', ['TIntG'], 'hdi'),
  agency('agency', 'jugendamt', 'Jugendamt', ['SGB_VIII'], null),
  agency('agency', 'schulamt', 'Schulamt', ['school_law'], null),
  agency('agency', 'land-nrw', 'Land NRW – Berichtswesen Integration', ['none'], null),
  agency('partner', 'caritas', 'Caritasverband Wuppertal/Solingen', ['none'], null),
  agency('partner', 'diakonie', 'Diakonie Wuppertal', ['none'], null),
  agency('partner', 'fluechtlingshilfe', 'Flüchtlingshilfe Wuppertal e. V.', ['none'], null),
  agency('partner', 'ihk', 'IHK Wuppertal-Solingen-Remscheid', ['none'], null),
  agency('partner', 'kreishandwerkerschaft', 'Kreishandwerkerschaft Wuppertal', ['none'], null),
  agency('partner', 'mso-bruecke', 'Brücke e. V. (Migrantenselbstorganisation)', ['none'], 'school'),
];

type DemoStaff = { username: string; displayName: string; agency: string; roles: Role[] };
const staff = (username: string, displayName: string, agencyCode: string, ...roles: Role[]): DemoStaff => ({
  username,
  displayName,
  agency: agencyCode,
  roles,
});

export const DEMO_STAFF: DemoStaff[] = [
  staff('admin', 'Anna Administration', 'verwaltung', 'municipal_admin'),
  staff('empfang', 'Erik Empfang', 'empfang', 'front_desk'),
  staff('empfang2', 'Elif Empfang', 'empfang', 'front_desk'),
  staff('empfang-leitung', 'Emma Empfangsleitung', 'empfang', 'front_desk', 'agency_lead'),
  staff('abh', 'Alexander Ausländerbehörde', 'abh', 'caseworker'),
  staff('abh2', 'Aylin Ausländerbehörde', 'abh', 'caseworker'),
  staff('abh-leitung', 'Albert ABH-Leitung', 'abh', 'agency_lead'),
  staff('jobcenter', 'Jana Jobcenter', 'jobcenter', 'caseworker'),
  staff('jobcenter2', 'Jonas Jobcenter', 'jobcenter', 'caseworker'),
  staff('jobcenter-leitung', 'Julia Jobcenter-Leitung', 'jobcenter', 'agency_lead'),
  staff('ip', 'Ingo Integration Point', 'integration-point', 'caseworker'),
  staff('wh', 'Wiebke Wirtschaftliche Hilfe', 'wh', 'caseworker'),
  staff('wh2', 'Walid Wirtschaftliche Hilfe', 'wh', 'caseworker'),
  staff('ki', 'Karin Integrationsmanagerin', 'ki', 'case_manager'),
  staff('ki2', 'Kemal Integrationsmanager', 'ki', 'case_manager'),
  staff('ki-leitung', 'Katharina KI-Leitung', 'ki', 'agency_lead', 'case_manager'),
  staff('jugendamt', 'Jakob Jugendamt', 'jugendamt', 'caseworker'),
  staff('schulamt', 'Sabine Schulamt', 'schulamt', 'caseworker'),
  staff('caritas', 'Carla Caritas', 'caritas', 'partner_staff', 'case_manager'),
  staff('diakonie', 'Dario Diakonie', 'diakonie', 'partner_staff'),
  staff('fluechtlingshilfe', 'Fatima Flüchtlingshilfe', 'fluechtlingshilfe', 'partner_staff'),
  staff('ihk', 'Ida IHK', 'ihk', 'partner_staff'),
  staff('mso', 'Mehmet Brücke e. V.', 'mso-bruecke', 'partner_staff'),
  staff('land', 'Lena Land NRW', 'land-nrw', 'state_reporter'),
  staff('datenschutz', 'Dana Datenschutz', 'verwaltung', 'data_protection_officer'),
];

const ALL_PURPOSES = [...purposes];
const CORE_IDENTITY: IdentityField[] = ['name', 'sex', 'dateOfBirth', 'placeOfBirth', 'nationalities'];

/**
 * The demo's legal bases for sharing between agencies (configuration, not law: each municipality checks its own).
 * Everything else between agencies needs the person's consent; partners only ever see what a consent names.
 */
export const DEMO_LEGAL_BASES: NonNullable<MunicipalitySpec['legalBases']> = [
  {
    paragraph: '§ 67a SGB X (Annahme)',
    title: 'Identifizierung am gemeinsamen Empfang',
    description:
      'Annahme der Demo: Zur Identifizierung (Empfang, Registrierung, Dublettenprüfung) sehen die Stellen des Hauses ' +
      'Name, Geschlecht, Geburtsdatum, Geburtsort und Staatsangehörigkeit, nicht aber Anschrift, Kontakt oder Akten.',
    from: [],
    to: [],
    categories: ['identity_contact'],
    fields: CORE_IDENTITY,
    purposes: ['identification'],
    servedOnly: false,
    active: true,
  },
  {
    paragraph: '§ 67a SGB X (Annahme)',
    title: 'Stammdaten gemeinsam betreuter Personen',
    description:
      'Annahme der Demo: Eine Stelle, die eine Person selbst betreut, sieht deren Stammdaten (Namen, Geburtsdaten, ' +
      'Staatsangehörigkeit, Sprachen) auch dann, wenn eine andere Stelle sie erfasst hat.',
    from: [],
    to: [],
    categories: ['identity_contact'],
    fields: [...CORE_IDENTITY, 'birthName', 'formerNames', 'countryOfBirth', 'languages'],
    purposes: ALL_PURPOSES,
    servedOnly: true,
    active: true,
  },
  {
    paragraph: '§ 87 Abs. 1 und 2 AufenthG, § 71 Abs. 2 SGB X',
    title: 'Mitteilungen an die Ausländerbehörde',
    description:
      'Öffentliche Stellen unterrichten die Ausländerbehörde über den Bezug von Leistungen, soweit dies für ' +
      'aufenthaltsrechtliche Entscheidungen erforderlich ist.',
    from: ['jobcenter', 'wh'],
    to: ['abh'],
    categories: ['benefits'],
    fields: [],
    purposes: ['residence_procedure'],
    servedOnly: false,
    active: true,
  },
  {
    paragraph: '§ 88a Abs. 1 AufenthG',
    title: 'Daten zum Integrationskurs',
    description:
      'Übermittlung von Teilnahme- und Prüfungsdaten zum Integrationskurs zwischen Ausländerbehörde, Jobcenter ' +
      'und Kommunalem Integrationszentrum, soweit für die Kursverpflichtung oder -zulassung erforderlich.',
    from: ['abh', 'jobcenter', 'ki'],
    to: ['abh', 'jobcenter', 'ki'],
    categories: ['education'],
    fields: [],
    purposes: ['integration_course'],
    servedOnly: false,
    active: true,
  },
];
