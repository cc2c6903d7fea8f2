import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { ConsentInput, type ConsentTemplate } from '@lotse/common';
import { ApiError } from '../../api/client';
import { catalogues } from '../../i18n/catalogues';
import {
  consentBody,
  consentFieldErrors,
  consentFormBody,
  consentRules,
  initialConsentValues,
  templateVersions,
  today,
} from './consent-form';

const intl = createIntl({ locale: 'de', messages: catalogues.de });
const template = (language: string, version: number): ConsentTemplate =>
  ({
    id: `00000000-0000-4000-8000-00000000000${version}`,
    key: 'standard',
    language,
    version,
    title: 't',
    body: 'b',
    createdAt: '2026-01-01T00:00:00.000Z',
  }) as ConsentTemplate;
const templates = [template('de', 1), template('de', 2), template('ar', 1)];
const agency = '11111111-1111-4111-8111-111111111111';

describe('the consent form', () => {
  it('starts today with the newest text version in the chosen language', () => {
    const values = initialConsentValues(templates, { purpose: 'benefit_processing', language: 'ar' });
    expect(values.validFrom).toBe(today());
    expect(values.templateVersion).toBe('1');
    expect(initialConsentValues(templates, { purpose: 'counselling' }).templateVersion).toBe('2');
    expect(templateVersions(templates, 'standard', 'de').map((t) => t.version)).toEqual([2, 1]);
  });

  it('sends what the shared schema accepts: null for an open end, the scan only on paper, no guardian name for the person', () => {
    const values = {
      ...initialConsentValues(templates, { purpose: 'benefit_processing', receivingAgencyIds: [agency] }),
      disclosingAgencyIds: [agency],
      categories: ['residence' as const],
      guardianName: 'left over from a guardian',
      scan: { fileName: 'a.pdf', mediaType: 'application/pdf' as const, contentBase64: 'JVBERg==' },
    };
    const body = consentBody(values);
    expect(body.validUntil).toBeNull();
    expect(body.scan).toBeNull();
    expect(body.guardianName).toBe('');
    expect(body.templateVersion).toBe(2);
    expect(ConsentInput.safeParse(body).success).toBe(true);
    expect(consentFormBody(values)).not.toHaveProperty('form');
  });

  it('asks for a note on oral consent, a scan on paper and the name of a signing guardian', () => {
    const base = initialConsentValues(templates, { purpose: 'benefit_processing' });
    expect(Object.keys(consentRules(intl, { ...base, form: 'oral' }))).toEqual(['note']);
    expect(Object.keys(consentRules(intl, { ...base, form: 'signed_paper' }))).toEqual(['scan']);
    expect(Object.keys(consentRules(intl, { ...base, signedBy: 'guardian' }))).toEqual(['guardianName']);
    expect(consentRules(intl, { ...base, form: 'oral', note: 'am Schalter' })).toEqual({});
  });

  it("shows the server's field problems at the fields, in the reader's language", () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
      'receivingAgencyIds.0': 'is not an agency or partner of this municipality',
      'scan.contentBase64': 'is not a application/pdf file',
      signedBy: "must be guardian: the person is under 15 and needs a guardian's consent",
      purposeNote: 'must be at most 500 characters',
    });
    expect(consentFieldErrors(intl, error)).toEqual({
      receivingAgencyIds: catalogues.de['consent.unknownAgency'],
      scan: catalogues.de['consent.scanInvalid'],
      signedBy: catalogues.de['consent.under15'],
      purposeNote: 'must be at most 500 characters',
    });
  });
});
