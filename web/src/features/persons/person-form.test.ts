import { describe, expect, it } from 'vitest';
import type { Person } from '@lotse/common';
import { changedFieldsBody, personValues } from './person-form';

// A person as a member sees it whose agency may see the name but not the address and contact of another agency.
const person = {
  id: '22222222-2222-4222-8222-222222222222',
  name: { givenNames: 'Hiba', familyName: 'Nasser', givenNamesOriginal: null, familyNameOriginal: null },
  nameOrder: 'given_first',
  birthName: null,
  formerNames: [],
  displayName: 'Hiba Nasser',
  sex: 'female',
  dateOfBirth: { value: '1996-12-03', year: 1996, certainty: 'exact', asRecorded: '03.12.1996' },
  placeOfBirth: 'Latakia',
  countryOfBirth: 'SY',
  nationalities: ['SY'],
  languages: [],
  address: null,
  contact: null,
} as unknown as Person;

describe('the person edit form', () => {
  it('sends only the fields the member changed, never the withheld ones it shows empty', () => {
    const values = personValues(person);
    expect(changedFieldsBody(person, values)).toEqual({});
    const body = changedFieldsBody(person, { ...values, placeOfBirth: 'Latakia (Syrien)' });
    expect(body).toEqual({ placeOfBirth: 'Latakia (Syrien)' });
    expect(body).not.toHaveProperty('address');
    expect(body).not.toHaveProperty('contact');
  });

  it('sends the whole name when one part of it changes', () => {
    const values = personValues(person);
    const body = changedFieldsBody(person, { ...values, name: { ...values.name, familyName: 'Nassar' } });
    expect(body).toEqual({
      name: { givenNames: 'Hiba', familyName: 'Nassar', givenNamesOriginal: null, familyNameOriginal: null },
    });
  });
});
