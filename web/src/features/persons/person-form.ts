import {
  type IdentifierKind,
  type Person,
  type Sex,
  type contactChannels,
  type nameOrders,
} from '@lotse/common';

interface NameValues {
  givenNames: string;
  familyName: string;
  givenNamesOriginal: string;
  familyNameOriginal: string;
}

/** The person form's values: the request's shape, with '' where the API wants null (paths match its errors). */
export interface PersonValues {
  name: NameValues;
  nameOrder: (typeof nameOrders)[number];
  birthName: NameValues;
  sex: Sex;
  dateOfBirth: string;
  placeOfBirth: string;
  countryOfBirth: string;
  nationalities: string[];
  languages: string[];
  interpreterFor: string[];
  address: { street: string; postcode: string; city: string; careOf: string };
  contact: {
    phone: string;
    email: string;
    preferredChannel: '' | (typeof contactChannels)[number];
    preferredLanguage: string;
  };
  identifiers: { kind: IdentifierKind; value: string }[];
}

const emptyName = (): NameValues => ({
  givenNames: '',
  familyName: '',
  givenNamesOriginal: '',
  familyNameOriginal: '',
});

const orNull = (value: string) => (value.trim() === '' ? null : value);

export function emptyPersonValues(): PersonValues {
  return {
    name: emptyName(),
    nameOrder: 'given_first',
    birthName: emptyName(),
    sex: 'unspecified',
    dateOfBirth: '',
    placeOfBirth: '',
    countryOfBirth: '',
    nationalities: [],
    languages: [],
    interpreterFor: [],
    address: { street: '', postcode: '', city: '', careOf: '' },
    contact: { phone: '', email: '', preferredChannel: '', preferredLanguage: '' },
    identifiers: [],
  };
}

/** A stored person as form values, for the edit form. */
export function personValues(person: Person): PersonValues {
  const name = (n: Person['name'] | null): NameValues => ({
    givenNames: n?.givenNames ?? '',
    familyName: n?.familyName ?? '',
    givenNamesOriginal: n?.givenNamesOriginal ?? '',
    familyNameOriginal: n?.familyNameOriginal ?? '',
  });
  return {
    name: name(person.name),
    nameOrder: person.nameOrder,
    birthName: name(person.birthName),
    sex: person.sex,
    dateOfBirth:
      person.dateOfBirth.asRecorded ?? person.dateOfBirth.value ?? String(person.dateOfBirth.year ?? ''),
    placeOfBirth: person.placeOfBirth ?? '',
    countryOfBirth: person.countryOfBirth ?? '',
    nationalities: person.nationalities,
    languages: person.languages.map((l) => l.code),
    interpreterFor: person.languages.filter((l) => l.interpreterNeeded).map((l) => l.code),
    address: {
      street: person.address?.street ?? '',
      postcode: person.address?.postcode ?? '',
      city: person.address?.city ?? '',
      careOf: person.address?.careOf ?? '',
    },
    contact: {
      phone: person.contact?.phone ?? '',
      email: person.contact?.email ?? '',
      preferredChannel: person.contact?.preferredChannel ?? '',
      preferredLanguage: person.contact?.preferredLanguage ?? '',
    },
    identifiers: [],
  };
}

const nameBody = (n: NameValues) => ({
  givenNames: n.givenNames,
  familyName: n.familyName,
  givenNamesOriginal: orNull(n.givenNamesOriginal),
  familyNameOriginal: orNull(n.familyNameOriginal),
});

/** The person's fields as the API wants them (without identifiers, which the edit form leaves alone). */
export function personFieldsBody(v: PersonValues) {
  const birth = nameBody(v.birthName);
  const hasBirthName = [birth.givenNames, birth.familyName, birth.familyNameOriginal].some(
    (x) => x && x.trim(),
  );
  const address = {
    street: orNull(v.address.street),
    postcode: orNull(v.address.postcode),
    city: orNull(v.address.city),
    careOf: orNull(v.address.careOf),
  };
  const contact = {
    phone: orNull(v.contact.phone),
    email: orNull(v.contact.email),
    preferredChannel: v.contact.preferredChannel === '' ? null : v.contact.preferredChannel,
    preferredLanguage: orNull(v.contact.preferredLanguage),
  };
  return {
    name: nameBody(v.name),
    nameOrder: v.nameOrder,
    birthName: hasBirthName ? birth : null,
    sex: v.sex,
    dateOfBirth: orNull(v.dateOfBirth),
    placeOfBirth: orNull(v.placeOfBirth),
    countryOfBirth: orNull(v.countryOfBirth),
    nationalities: v.nationalities,
    languages: v.languages.map((code) => ({ code, interpreterNeeded: v.interpreterFor.includes(code) })),
    address: Object.values(address).some((x) => x !== null) ? address : null,
    contact: Object.values(contact).some((x) => x !== null) ? contact : null,
  };
}

/** The body of a new person, identifiers included. */
export function personCreateBody(v: PersonValues, confirmNew = false) {
  return { ...personFieldsBody(v), formerNames: [], identifiers: v.identifiers, confirmNew };
}

/**
 * Only the fields the member changed: a field the member may not see comes back empty, and sending it would
 * overwrite another agency's value with nothing.
 */
export function changedFieldsBody(person: Person, values: PersonValues) {
  const before: Record<string, unknown> = personFieldsBody(personValues(person));
  const after: Record<string, unknown> = personFieldsBody(values);
  return Object.fromEntries(
    Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  ) as Partial<ReturnType<typeof personFieldsBody>>;
}
