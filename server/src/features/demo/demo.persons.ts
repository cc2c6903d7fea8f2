import type {
  ConsentInput,
  Agency,
  BenefitInput,
  IdentifierInput,
  PersonInput,
  ResidenceInput,
  Staff,
} from '@lotse/common';
import type { Database } from '../../db/database';
import { todayInGermany } from '../persons/persons.dates';
import {
  type SeedPerson,
  seedHousehold,
  seedNote,
  seedPersons,
  seedRelation,
} from '../persons/persons.service';
import { seedConsent } from '../privacy/privacy.service';

/**
 * About forty clearly fictional persons of the Wuppertal house: names in Latin and original script, identifiers of
 * several agencies, residence titles (some ending within six weeks of the day the demo is seeded), benefit
 * histories (one AsylbLG -> SGB II move), a Bedarfsgemeinschaft, a family, and three duplicate pairs across
 * agencies so that the duplicate review has work. All numbers are invented.
 */

type AgencyCode = 'abh' | 'jobcenter' | 'wh' | 'ki' | 'empfang' | 'integration-point';
// The staff member of each agency who "recorded" the demo data.
const RECORDER: Record<AgencyCode, string> = {
  abh: 'abh',
  jobcenter: 'jobcenter',
  wh: 'wh',
  ki: 'ki',
  empfang: 'empfang',
  'integration-point': 'ip',
};

/** A date relative to today (a number of days) or fixed (YYYY-MM-DD). */
type When = number | string;
type Spec = {
  key: string;
  at: AgencyCode;
  name: [given: string, family: string, givenOriginal?: string, familyOriginal?: string];
  familyFirst?: boolean;
  sex: 'female' | 'male';
  born?: string;
  place?: string;
  country?: string;
  nationalities: string[];
  languages?: [code: string, interpreter: boolean][];
  identifiers?: [kind: IdentifierInput['kind'], value: string, at?: AgencyCode][];
  residence?: [kind: ResidenceInput['kind'], paragraph: string | null, from: When, until: When | null][];
  benefits?: [
    system: BenefitInput['system'],
    from: string,
    until: string | null,
    at: AgencyCode,
    reference?: string,
  ][];
};

const PERSONS: Spec[] = [
  // Duplicate pair 1: the ABH and the Jobcenter spell the name differently; the Jobcenter has a placeholder date.
  {
    key: 'alhassan-abh',
    at: 'abh',
    name: ['Mohammed', 'Al-Hassan', 'محمد', 'الحسن'],
    sex: 'male',
    born: '15.04.1990',
    place: 'Homs',
    country: 'SY',
    nationalities: ['SY'],
    languages: [['ar', true]],
    identifiers: [
      ['azr', '120394857611'],
      ['aktenzeichen', 'ABH-2016-04417'],
    ],
    residence: [
      ['aufenthaltsgestattung', '§ 55 AsylG', '2015-11-02', '2016-08-01'],
      ['aufenthaltserlaubnis', '§ 25 Abs. 2 AufenthG', '2016-08-02', 25],
    ],
  },
  {
    key: 'alhassan-jc',
    at: 'jobcenter',
    name: ['Muhammad', 'Alhasan'],
    sex: 'male',
    born: '01.01.1990',
    nationalities: ['SY'],
    identifiers: [['kundennummer', '362D417733']],
    benefits: [['SGB_II', '2016-09-01', null, 'jobcenter', '36201BG0044120']],
  },
  // Duplicate pair 2: Cyrillic name, transliterated Yuriy at the ABH and Jurij (German style) at Wirtschaftliche Hilfe.
  {
    key: 'bondarenko-abh',
    at: 'abh',
    name: ['Yuriy', 'Bondarenko', 'Юрій', 'Бондаренко'],
    sex: 'male',
    born: '1978-09-03',
    place: 'Charkiw',
    country: 'UA',
    nationalities: ['UA'],
    languages: [['uk', true]],
    identifiers: [['azr', '220571930458']],
    residence: [['aufenthaltserlaubnis', '§ 24 AufenthG', '2022-04-11', 300]],
  },
  {
    key: 'bondarenko-wh',
    at: 'wh',
    name: ['Jurij', 'Bondarenko'],
    sex: 'male',
    born: '03.09.1978',
    nationalities: ['UA'],
    identifiers: [['aktenzeichen', 'WH-AsylbLG-22-0915']],
    benefits: [['AsylbLG', '2022-03-28', '2022-05-31', 'wh']],
  },
  // Duplicate pair 3: given and family name swapped, and only the year known at the Jobcenter.
  {
    key: 'rahimi-ki',
    at: 'ki',
    name: ['Ahmad', 'Rahimi', 'احمد', 'رحیمی'],
    sex: 'male',
    born: '1995-08-10',
    place: 'Herat',
    country: 'AF',
    nationalities: ['AF'],
    languages: [
      ['fa', false],
      ['ps', false],
    ],
    residence: [['aufenthaltserlaubnis', '§ 25 Abs. 2 AufenthG', '2019-03-01', 410]],
  },
  {
    key: 'rahimi-jc',
    at: 'jobcenter',
    name: ['Rahimi', 'Ahmed'],
    sex: 'male',
    born: '00.00.1995',
    nationalities: ['AF'],
    identifiers: [['kundennummer', '362D502981']],
    benefits: [['SGB_II', '2019-04-01', null, 'jobcenter']],
  },

  // The Bedarfsgemeinschaft Khalil (Syrian), known to the Jobcenter by its BG-Nummer.
  {
    key: 'khalil-rami',
    at: 'jobcenter',
    name: ['Rami', 'Khalil', 'رامي', 'خليل'],
    sex: 'male',
    born: '22.06.1984',
    place: 'Damaskus',
    country: 'SY',
    nationalities: ['SY'],
    languages: [['ar', false]],
    identifiers: [
      ['kundennummer', '362D318846'],
      ['bg_nummer', '36201BG0031207'],
      ['azr', '120388120945', 'abh'],
    ],
    residence: [['niederlassungserlaubnis', '§ 26 Abs. 3 AufenthG', '2021-05-17', null]],
    benefits: [['SGB_II', '2016-02-01', null, 'jobcenter', '36201BG0031207']],
  },
  {
    key: 'khalil-nour',
    at: 'jobcenter',
    name: ['Nour', 'Khalil', 'نور', 'خليل'],
    sex: 'female',
    born: '09.11.1988',
    place: 'Damaskus',
    country: 'SY',
    nationalities: ['SY'],
    languages: [['ar', true]],
    identifiers: [
      ['kundennummer', '362D318847'],
      ['bg_nummer', '36201BG0031207'],
    ],
    residence: [['aufenthaltserlaubnis', '§ 30 AufenthG', '2017-01-10', 18]],
    benefits: [['SGB_II', '2017-02-01', null, 'jobcenter', '36201BG0031207']],
  },
  {
    key: 'khalil-yara',
    at: 'jobcenter',
    name: ['Yara', 'Khalil', 'يارا', 'خليل'],
    sex: 'female',
    born: '2015-03-04',
    place: 'Beirut',
    country: 'LB',
    nationalities: ['SY'],
    identifiers: [['bg_nummer', '36201BG0031207']],
    residence: [['aufenthaltserlaubnis', '§ 32 AufenthG', '2017-01-10', 18]],
  },
  {
    key: 'khalil-adam',
    at: 'jobcenter',
    name: ['Adam', 'Khalil'],
    sex: 'male',
    born: '2018-12-01',
    place: 'Wuppertal',
    country: 'DE',
    nationalities: ['SY'],
    identifiers: [['bg_nummer', '36201BG0031207']],
    residence: [['aufenthaltserlaubnis', '§ 33 AufenthG', '2019-01-15', 500]],
  },

  // The family Sultani (Afghan), with parent and child links, accompanied by the KI.
  {
    key: 'sultani-farid',
    at: 'ki',
    name: ['Farid', 'Sultani', 'فرید', 'سلطانی'],
    sex: 'male',
    born: '1981-02-14',
    place: 'Kabul',
    country: 'AF',
    nationalities: ['AF'],
    languages: [['fa', true]],
    identifiers: [['azr', '190266330012', 'abh']],
    residence: [['aufenthaltserlaubnis', '§ 22 AufenthG', '2021-09-01', 120]],
    benefits: [['SGB_II', '2021-10-01', null, 'jobcenter']],
  },
  {
    key: 'sultani-zahra',
    at: 'ki',
    name: ['Zahra', 'Sultani', 'زهرا', 'سلطانی'],
    sex: 'female',
    born: '01.01.1985',
    place: 'Kabul',
    country: 'AF',
    nationalities: ['AF'],
    languages: [['fa', true]],
    residence: [['aufenthaltserlaubnis', '§ 22 AufenthG', '2021-09-01', 120]],
  },
  {
    key: 'sultani-ali',
    at: 'ki',
    name: ['Ali', 'Sultani', 'علی', 'سلطانی'],
    sex: 'male',
    born: '2012-05-20',
    place: 'Kabul',
    country: 'AF',
    nationalities: ['AF'],
    languages: [['de', false]],
  },
  {
    key: 'sultani-maryam',
    at: 'ki',
    name: ['Maryam', 'Sultani', 'مریم', 'سلطانی'],
    sex: 'female',
    born: '2016-10-02',
    place: 'Islamabad',
    country: 'PK',
    nationalities: ['AF'],
  },

  // Syrian
  {
    key: 'alsayed',
    at: 'abh',
    name: ['Fatima', 'Al-Sayed', 'فاطمة', 'السيد'],
    sex: 'female',
    born: '1992-07-30',
    place: 'Aleppo',
    country: 'SY',
    nationalities: ['SY'],
    identifiers: [['azr', '120412775309']],
    residence: [['aufenthaltserlaubnis', '§ 25 Abs. 2 AufenthG', '2018-02-01', 37]],
  },
  {
    key: 'darwish',
    at: 'integration-point',
    name: ['Omar', 'Darwish', 'عمر', 'درويش'],
    sex: 'male',
    born: '1999',
    nationalities: ['SY'],
    identifiers: [['kundennummer', '362A998120']],
    benefits: [['SGB_III', '2024-01-01', '2024-06-30', 'integration-point']],
  },
  {
    key: 'nasser',
    at: 'abh',
    name: ['Hiba', 'Nasser', 'هبة', 'ناصر'],
    sex: 'female',
    born: '03.12.1996',
    place: 'Latakia',
    country: 'SY',
    nationalities: ['SY'],
    residence: [['blaue_karte_eu', '§ 18g AufenthG', '2023-10-01', 900]],
  },

  {
    key: 'mansour',
    at: 'wh',
    name: ['Khaled', 'Mansour', 'خالد', 'منصور'],
    sex: 'male',
    born: '1958-01-01',
    place: 'Hama',
    country: 'SY',
    nationalities: ['SY'],
    languages: [['ar', true]],
    residence: [['aufenthaltserlaubnis', '§ 36 AufenthG', '2020-04-01', 150]],
    benefits: [['SGB_XII', '2020-05-01', null, 'wh']],
  },

  // Afghan
  {
    key: 'noori',
    at: 'abh',
    name: ['Hamid', 'Noori', 'حمید', 'نوری'],
    sex: 'male',
    born: '01.01.2001',
    country: 'AF',
    nationalities: ['AF'],
    languages: [
      ['fa', true],
      ['ps', true],
    ],
    identifiers: [['azr', '230119448201']],
    residence: [['duldung', '§ 60a AufenthG', -80, 9]],
    benefits: [['AsylbLG', '2023-02-01', null, 'wh']],
  },
  {
    key: 'hakimi',
    at: 'wh',
    name: ['Mariam', 'Hakimi', 'مریم', 'حکیمی'],
    sex: 'female',
    born: '1990-04-18',
    place: 'Mazar-i-Sharif',
    country: 'AF',
    nationalities: ['AF'],
    residence: [['aufenthaltsgestattung', '§ 55 AsylG', -150, 32]],
    benefits: [['AsylbLG', '2024-11-01', null, 'wh']],
  },

  {
    key: 'azizi',
    at: 'integration-point',
    name: ['Sahar', 'Azizi', 'سحر', 'عزیزی'],
    sex: 'female',
    born: '2002-06-21',
    place: 'Kandahar',
    country: 'AF',
    nationalities: ['AF'],
    identifiers: [['kundennummer', '362A771045']],
    residence: [['aufenthaltserlaubnis', '§ 16a AufenthG', '2024-08-01', 420]],
    benefits: [['SGB_III', '2024-09-01', null, 'integration-point']],
  },

  // Iranian
  {
    key: 'ahmadi',
    at: 'abh',
    name: ['Parisa', 'Ahmadi', 'پریسا', 'احمدی'],
    sex: 'female',
    born: '1987-01-25',
    place: 'Teheran',
    country: 'IR',
    nationalities: ['IR'],
    identifiers: [['azr', '170301558743']],
    residence: [['aufenthaltserlaubnis', '§ 18b AufenthG', '2022-03-01', 700]],
  },
  {
    key: 'karimi',
    at: 'abh',
    name: ['Reza', 'Karimi', 'رضا', 'کریمی'],
    sex: 'male',
    born: '11.09.1979',
    place: 'Isfahan',
    country: 'IR',
    nationalities: ['IR'],
    residence: [['fiktionsbescheinigung', '§ 81 Abs. 4 AufenthG', -70, 20]],
  },
  {
    key: 'moradi',
    at: 'ki',
    name: ['Shirin', 'Moradi', 'شیرین', 'مرادی'],
    sex: 'female',
    born: '1993',
    country: 'IR',
    nationalities: ['IR'],
    residence: [['aufenthaltserlaubnis', '§ 25 Abs. 1 AufenthG', '2020-06-01', 200]],
    benefits: [['SGB_II', '2020-07-01', '2023-12-31', 'jobcenter']],
  },

  // Iraqi
  {
    key: 'aljubouri',
    at: 'abh',
    name: ['Haidar', 'Al-Jubouri', 'حيدر', 'الجبوري'],
    sex: 'male',
    born: '1983-03-09',
    place: 'Mossul',
    country: 'IQ',
    nationalities: ['IQ'],
    identifiers: [['azr', '140522093316']],
    residence: [['fiktionsbescheinigung', '§ 81 Abs. 4 AufenthG', -60, 40]],
  },
  {
    key: 'hussein',
    at: 'wh',
    name: ['Zainab', 'Hussein', 'زينب', 'حسين'],
    sex: 'female',
    born: '01.01.1998',
    country: 'IQ',
    nationalities: ['IQ'],
    residence: [['aufenthaltsgestattung', '§ 55 AsylG', -160, 20]],
    benefits: [['AsylbLG', '2025-01-15', null, 'wh']],
  },
  {
    key: 'yousef',
    at: 'jobcenter',
    name: ['Layla', 'Yousef', 'ليلى', 'يوسف'],
    sex: 'female',
    born: '1991-12-12',
    place: 'Duhok',
    country: 'IQ',
    nationalities: ['IQ'],
    identifiers: [['kundennummer', '362D611254']],
    residence: [['niederlassungserlaubnis', '§ 26 Abs. 4 AufenthG', '2022-02-01', null]],
    benefits: [['SGB_II', '2018-05-01', '2024-03-31', 'jobcenter']],
  },

  // Eritrean
  {
    key: 'tesfay',
    at: 'abh',
    name: ['Yonas', 'Tesfay', 'ዮናስ', 'ተስፋይ'],
    sex: 'male',
    born: '1997',
    country: 'ER',
    nationalities: ['ER'],
    languages: [['ti', true]],
    identifiers: [['azr', '210733102288']],
    residence: [['duldung', '§ 60a AufenthG', -75, 12]],
    benefits: [['AsylbLG', '2021-06-01', null, 'wh']],
  },
  {
    key: 'gebremedhin',
    at: 'ki',
    name: ['Semhar', 'Gebremedhin', 'ሰምሃር', 'ገብረመድህን'],
    sex: 'female',
    born: '1994-05-05',
    place: 'Asmara',
    country: 'ER',
    nationalities: ['ER'],
    languages: [['ti', false]],
    residence: [['aufenthaltserlaubnis', '§ 25 Abs. 2 AufenthG', '2019-11-01', 380]],
  },
  {
    key: 'haile',
    at: 'jobcenter',
    name: ['Kidane', 'Haile', 'ኪዳነ', 'ሃይለ'],
    sex: 'male',
    born: '00.00.1989',
    country: 'ER',
    nationalities: ['ER'],
    identifiers: [['kundennummer', '362D700314']],
    benefits: [['SGB_II', '2020-09-01', null, 'jobcenter']],
  },
  {
    key: 'berhane',
    at: 'abh',
    name: ['Awet', 'Berhane', 'ኣወት', 'በርሀ'],
    sex: 'male',
    born: '2003-01-19',
    country: 'ER',
    nationalities: ['ER'],
    residence: [['aufenthaltserlaubnis', '§ 25 Abs. 2 AufenthG', '2022-01-19', 60]],
  },

  // Turkish
  {
    key: 'yilmaz',
    at: 'ki',
    name: ['Ayşe', 'Yılmaz'],
    sex: 'female',
    born: '1975-06-01',
    place: 'Kayseri',
    country: 'TR',
    nationalities: ['TR'],
    residence: [['daueraufenthalt_eu', '§ 9a AufenthG', '2009-04-01', null]],
  },
  {
    key: 'demir',
    at: 'jobcenter',
    name: ['Mehmet', 'Demir'],
    sex: 'male',
    born: '1969-10-10',
    place: 'Trabzon',
    country: 'TR',
    nationalities: ['TR'],
    identifiers: [['kundennummer', '362D104477']],
    residence: [['niederlassungserlaubnis', '§ 9 AufenthG', '2001-03-01', null]],
    benefits: [['SGB_II', '2015-01-01', null, 'jobcenter']],
  },
  {
    key: 'kaya',
    at: 'abh',
    name: ['Emine', 'Kaya'],
    sex: 'female',
    born: '1998-02-27',
    place: 'Izmir',
    country: 'TR',
    nationalities: ['TR'],
    residence: [['aufenthaltserlaubnis', '§ 16b AufenthG', '2023-10-01', 28]],
  },
  {
    key: 'ozturk',
    at: 'empfang',
    name: ['Kemal', 'Öztürk'],
    sex: 'male',
    born: '1986',
    nationalities: ['TR'],
  },

  // German (naturalised or born here; the house serves people who have lived here long, too)
  {
    key: 'hoffmann',
    at: 'ki',
    name: ['Lena', 'Hoffmann'],
    sex: 'female',
    born: '1990-08-08',
    place: 'Wuppertal',
    country: 'DE',
    nationalities: ['DE'],
  },
  {
    key: 'schulz',
    at: 'jobcenter',
    name: ['Jürgen', 'Schulz'],
    sex: 'male',
    born: '1972-04-04',
    place: 'Kasachstan',
    country: 'KZ',
    nationalities: ['DE'],
    languages: [['ru', false]],
    identifiers: [['kundennummer', '362D009911']],
    benefits: [['SGB_II', '2021-01-01', null, 'jobcenter']],
  },

  // Ukrainian
  {
    key: 'shevchenko',
    at: 'abh',
    name: ['Yuliia', 'Shevchenko', 'Юлія', 'Шевченко'],
    sex: 'female',
    born: '1989-02-11',
    place: 'Kyjiw',
    country: 'UA',
    nationalities: ['UA'],
    languages: [
      ['uk', false],
      ['ru', false],
    ],
    identifiers: [
      ['azr', '220309117654'],
      ['aktenzeichen', 'WH-AsylbLG-22-0412', 'wh'],
      ['kundennummer', '362D812203', 'jobcenter'],
    ],
    residence: [['aufenthaltserlaubnis', '§ 24 AufenthG', '2022-03-30', 240]],
    // The move of 1 June 2022: from AsylbLG (Wirtschaftliche Hilfe) to SGB II (Jobcenter).
    benefits: [
      ['AsylbLG', '2022-03-21', '2022-05-31', 'wh'],
      ['SGB_II', '2022-06-01', null, 'jobcenter'],
    ],
  },
  {
    key: 'melnyk',
    at: 'abh',
    name: ['Iryna', 'Melnyk', 'Ірина', 'Мельник'],
    sex: 'female',
    born: '1966-12-24',
    place: 'Odesa',
    country: 'UA',
    nationalities: ['UA'],
    languages: [['uk', true]],
    residence: [['aufenthaltserlaubnis', '§ 24 AufenthG', '2022-05-02', 33]],
    benefits: [
      ['AsylbLG', '2022-04-04', '2022-05-31', 'wh'],
      ['SGB_II', '2022-06-01', '2024-01-31', 'jobcenter'],
      ['SGB_XII', '2024-02-01', null, 'wh'],
    ],
  },
  {
    key: 'bondar',
    at: 'ki',
    name: ['Oksana', 'Bondar', 'Оксана', 'Бондар'],
    sex: 'female',
    born: '2000-09-15',
    place: 'Dnipro',
    country: 'UA',
    nationalities: ['UA'],
    residence: [['aufenthaltserlaubnis', '§ 24 AufenthG', '2022-06-01', 240]],
  },
  {
    key: 'kravchenko',
    at: 'jobcenter',
    name: ['Dmytro', 'Kravchenko', 'Дмитро', 'Кравченко'],
    sex: 'male',
    born: '1982-11-30',
    country: 'UA',
    nationalities: ['UA'],
    identifiers: [['kundennummer', '362D844410']],
    residence: [['aufenthaltserlaubnis', '§ 24 AufenthG', '2022-09-01', 240]],
    benefits: [['SGB_II', '2022-09-01', null, 'jobcenter']],
  },
];

const DAY = 86_400_000;
const dateOf = (when: When, today: string) =>
  typeof when === 'string'
    ? when
    : new Date(Date.parse(`${today}T00:00:00Z`) + when * DAY).toISOString().slice(0, 10);

/** Seeds the demo persons into a freshly provisioned demo municipality. */
export async function seedDemoPersons(
  db: Database,
  demo: { municipalityId: string; agencies: Map<string, Agency>; staff: Map<string, Staff> },
): Promise<number> {
  const today = todayInGermany();
  const agencyId = (code: AgencyCode) => {
    const agency = demo.agencies.get(code);
    if (!agency) throw new Error(`The demo persons name the unknown agency ${code}`);
    return agency.id;
  };
  const seeds: SeedPerson[] = PERSONS.map((s) => {
    const input: PersonInput = {
      name: {
        givenNames: s.name[0],
        familyName: s.name[1],
        givenNamesOriginal: s.name[2] ?? null,
        familyNameOriginal: s.name[3] ?? null,
      },
      nameOrder: s.familyFirst ? 'family_first' : 'given_first',
      birthName: null,
      formerNames: [],
      sex: s.sex,
      dateOfBirth: s.born ?? null,
      placeOfBirth: s.place ?? null,
      countryOfBirth: s.country ?? null,
      nationalities: s.nationalities,
      languages: (s.languages ?? []).map(([code, interpreterNeeded]) => ({ code, interpreterNeeded })),
      address: { street: null, postcode: '42103', city: 'Wuppertal', careOf: null },
      contact: null,
      identifiers: (s.identifiers ?? []).map(([kind, value, at]) => ({
        kind,
        value,
        agencyId: agencyId(at ?? s.at) as IdentifierInput['agencyId'],
      })),
    };
    return {
      key: s.key,
      input,
      agencyId: agencyId(s.at),
      staffId: demo.staff.get(RECORDER[s.at])?.id ?? null,
      residence: (s.residence ?? []).map(([kind, paragraph, from, until]) => ({
        kind,
        paragraph,
        validFrom: dateOf(from, today),
        validUntil: until === null ? null : dateOf(until, today),
        note: null,
        agencyId: agencyId('abh'),
      })),
      benefits: (s.benefits ?? []).map(([system, validFrom, validUntil, at, reference]) => ({
        system,
        validFrom,
        validUntil,
        reference: reference ?? null,
        agencyId: agencyId(at),
      })),
    };
  });

  return db.tenant(demo.municipalityId, async (tx) => {
    const ids = await seedPersons(tx, demo.municipalityId, seeds);
    const id = (key: string) => ids.get(key)!;
    const jobcenter = agencyId('jobcenter');
    const ki = agencyId('ki');

    await seedHousehold(tx, demo.municipalityId, jobcenter, {
      kind: 'bedarfsgemeinschaft',
      bgNumber: '36201BG0031207',
      members: [
        { personId: id('khalil-rami'), role: 'head' },
        { personId: id('khalil-nour'), role: 'partner' },
        { personId: id('khalil-yara'), role: 'child' },
        { personId: id('khalil-adam'), role: 'child' },
      ],
    });
    await seedRelation(tx, demo.municipalityId, jobcenter, id('khalil-rami'), id('khalil-nour'), 'spouse_of');
    for (const child of ['khalil-yara', 'khalil-adam'])
      for (const parent of ['khalil-rami', 'khalil-nour'])
        await seedRelation(tx, demo.municipalityId, jobcenter, id(parent), id(child), 'parent_of');

    await seedHousehold(tx, demo.municipalityId, ki, {
      kind: 'family',
      bgNumber: null,
      members: [
        { personId: id('sultani-farid'), role: 'head' },
        { personId: id('sultani-zahra'), role: 'partner' },
        { personId: id('sultani-ali'), role: 'child' },
        { personId: id('sultani-maryam'), role: 'child' },
      ],
    });
    await seedRelation(tx, demo.municipalityId, ki, id('sultani-farid'), id('sultani-zahra'), 'spouse_of');
    for (const child of ['sultani-ali', 'sultani-maryam'])
      for (const parent of ['sultani-farid', 'sultani-zahra'])
        await seedRelation(tx, demo.municipalityId, ki, id(parent), id(child), 'parent_of');
    await seedRelation(tx, demo.municipalityId, ki, id('sultani-ali'), id('sultani-maryam'), 'sibling_of');

    // Record entries of categories the registry has no fields for, each owned by the agency that wrote it.
    await seedNote(tx, demo.municipalityId, jobcenter, id('khalil-rami'), {
      category: 'employment',
      title: 'Bewerbungstraining begonnen',
      body: 'Teilnahme an der Maßnahme „Berufseinstieg Pflege“ ab dem 1. des Monats.',
      occurredOn: null,
    });
    await seedNote(tx, demo.municipalityId, ki, id('khalil-rami'), {
      category: 'case_notes',
      title: 'Erstgespräch Integrationsmanagement',
      body: 'Ziele: Anerkennung des Pflegeabschlusses, Kita-Platz für Adam.',
      occurredOn: null,
    });
    await seedNote(tx, demo.municipalityId, ki, id('sultani-ali'), {
      category: 'education',
      title: 'Lernförderung Hufschmiedstraße',
      body: 'Nimmt dienstags am Lernangebot von Brücke e. V. teil.',
      occurredOn: null,
    });
    // Rami Khalil agreed that the Jobcenter and the Ausländerbehörde share with the KI's integration management
    // and with Caritas for case management (electronic, shown the Arabic text).
    await seedConsent(tx, demo.municipalityId, {
      personId: id('khalil-rami'),
      disclosingAgencyIds: [jobcenter, agencyId('abh')] as ConsentInput['disclosingAgencyIds'],
      receivingAgencyIds: [ki, demo.agencies.get('caritas')!.id] as ConsentInput['receivingAgencyIds'],
      categories: ['identity_contact', 'residence', 'benefits', 'employment'],
      purpose: 'case_management',
      purposeNote: 'Rechtskreisübergreifendes Integrationsmanagement (KIM)',
      validFrom: dateOf(-30, today),
      validUntil: dateOf(335, today),
      form: 'electronic',
      note: '',
      templateKey: 'standard',
      templateVersion: 1,
      language: 'ar',
      signedBy: 'person',
      guardianName: '',
      recordedBy: demo.staff.get('ki')!.id,
      recordedByAgency: ki,
    });
    return ids.size;
  });
}
