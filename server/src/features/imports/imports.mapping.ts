import type { ImportField } from '@lotse/common';

type Field = ImportField;

// Header names in agencies' exports (German and English), normalised: lower case, letters and digits only.
const SYNONYMS: [Field, string[]][] = [
  ['givenNames', ['vorname', 'vornamen', 'givenname', 'givennames', 'firstname', 'forename']],
  ['familyName', ['nachname', 'familienname', 'name', 'surname', 'familyname', 'lastname']],
  ['fullName', ['vollstaendigername', 'vollständigername', 'fullname', 'namevorname', 'vornamename']],
  ['givenNamesOriginal', ['vornameoriginalschrift', 'givennameoriginal', 'givennamesoriginal']],
  ['familyNameOriginal', ['nachnameoriginalschrift', 'familynameoriginal']],
  ['birthName', ['geburtsname', 'birthname', 'maidenname']],
  ['dateOfBirth', ['geburtsdatum', 'gebdatum', 'gebdat', 'dateofbirth', 'birthdate', 'dob']],
  ['sex', ['geschlecht', 'sex', 'gender']],
  ['placeOfBirth', ['geburtsort', 'placeofbirth', 'birthplace']],
  ['countryOfBirth', ['geburtsland', 'countryofbirth']],
  [
    'nationality',
    ['staatsangehoerigkeit', 'staatsangehörigkeit', 'nationalitaet', 'nationality', 'citizenship'],
  ],
  ['street', ['strasse', 'straße', 'street', 'anschrift', 'adresse', 'address']],
  ['postcode', ['plz', 'postleitzahl', 'postcode', 'zip', 'zipcode']],
  ['city', ['ort', 'wohnort', 'stadt', 'city', 'town']],
  ['phone', ['telefon', 'tel', 'phone', 'mobil', 'handy']],
  ['email', ['email', 'mail', 'emailadresse']],
  ['identifier:azr', ['azr', 'azrnummer', 'azrnr']],
  ['identifier:kundennummer', ['kundennummer', 'kdnr', 'kundennr', 'customernumber']],
  ['identifier:bg_nummer', ['bgnummer', 'bgnr', 'bg']],
  ['identifier:aktenzeichen', ['aktenzeichen', 'az', 'akz', 'fileno', 'filenumber']],
  ['identifier:other', ['id', 'nr', 'nummer', 'kennung']],
];

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** A first mapping from the header names; staff correct it before the dry run. */
export function suggestMapping(columns: string[]): Record<string, Field> {
  const used = new Set<Field>();
  const out: Record<string, Field> = {};
  for (const column of columns) {
    const n = norm(column);
    const hit = SYNONYMS.find(([field, names]) => !used.has(field) && names.includes(n));
    out[column] = hit ? hit[0] : 'ignore';
    if (hit) used.add(hit[0]);
  }
  return out;
}
