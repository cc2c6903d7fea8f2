import type { IntlShape } from 'react-intl';
import type { ZodType, core } from 'zod';

function issueMessage(intl: IntlShape, issue: core.$ZodIssue): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return intl.formatMessage({ id: 'validation.chooseOne' });
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return intl.formatMessage({ id: 'validation.required' });
      return intl.formatMessage({ id: 'validation.minLength' }, { min: Number(issue.minimum) });
    case 'too_big':
      return intl.formatMessage({ id: 'validation.maxLength' }, { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return intl.formatMessage({ id: 'validation.email' });
      if (issue.format === 'uuid') return intl.formatMessage({ id: 'validation.required' });
      if (field === 'totp' || field === 'code') return intl.formatMessage({ id: 'validation.totp' });
      return intl.formatMessage({ id: 'validation.format' });
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null)
        return intl.formatMessage({ id: 'validation.required' });
      return intl.formatMessage({ id: 'validation.invalid' });
    default:
      return intl.formatMessage({ id: 'validation.invalid' });
  }
}

/**
 * A Mantine form validator from the shared zod schema (one contract), with messages in the reader's language.
 * `toBody` turns the form's values into the request body the schema describes.
 */
export function schemaValidator<Values>(
  schema: ZodType,
  intl: IntlShape,
  toBody: (values: Values) => unknown = (values) => values,
): (values: Values) => Record<string, string> {
  return (values) => {
    const result = schema.safeParse(toBody(values));
    const errors: Record<string, string> = {};
    if (result.success) return errors;
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || 'form';
      errors[path] ??= issueMessage(intl, issue);
    }
    return errors;
  };
}
