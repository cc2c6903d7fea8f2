import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import type { z, ZodType } from 'zod';
import { type ApiError, toApiError } from '../api/client';
import { fieldErrors } from '../i18n/labels';
import { schemaValidator } from './validation';

/**
 * The frame of a form that sends one request body described by a shared zod schema: validation in the reader's
 * language before sending, the parsed body to `save`, the server's field errors shown at their fields and its
 * error above the form, `onSaved` on success.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Mantine's own bound for form values
export function useSchemaForm<Values extends Record<string, any>, S extends ZodType>(opts: {
  initialValues: Values;
  schema: S;
  toBody: (values: Values) => unknown;
  save: (body: z.output<S>) => Promise<unknown>;
  onSaved: () => void;
}) {
  const intl = useIntl();
  const [error, setError] = useState<ApiError>();
  const form = useForm<Values>({
    initialValues: opts.initialValues,
    validate: schemaValidator(opts.schema, intl, opts.toBody),
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      await opts.save(opts.schema.parse(opts.toBody(values)));
      opts.onSaved();
    } catch (e) {
      const apiError = toApiError(e);
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  });
  return { form, submit, error };
}
