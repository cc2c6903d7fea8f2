import { useIntl } from 'react-intl';
import { NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { PersonNoteInput, noteCategories } from '@lotse/common';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { useSchemaForm } from '../../ui/use-schema-form';
import type { FormProps } from './IdentifierForm';
import { personsApi } from './persons.api';

interface Values {
  category: (typeof noteCategories)[number];
  title: string;
  body: string;
  occurredOn: string;
}

const toBody = (v: Values) => ({
  category: v.category,
  title: v.title,
  body: v.body,
  occurredOn: v.occurredOn.trim() === '' ? null : v.occurredOn,
});

/** Adds a record entry of a category the registry has no fields for: employment, education, health, case notes. */
export function NoteForm({ personId, onSaved, onCancel }: FormProps) {
  const intl = useIntl();
  const labels = useLabels();
  const { form, submit, error } = useSchemaForm<Values, typeof PersonNoteInput>({
    initialValues: { category: 'case_notes', title: '', body: '', occurredOn: '' },
    schema: PersonNoteInput,
    toBody,
    save: (body) => personsApi.addNote(personId, body),
    onSaved,
  });
  return (
    <form onSubmit={submit} noValidate data-testid="note-form">
      <Stack>
        <ErrorAlert error={error} />
        <NativeSelect
          label={intl.formatMessage({ id: 'note.category' })}
          description={intl.formatMessage({ id: 'note.categoryHint' })}
          data={noteCategories.map((c) => ({ value: c, label: labels.category(c) }))}
          data-autofocus
          data-testid="note-category"
          {...form.getInputProps('category')}
        />
        <TextInput
          label={intl.formatMessage({ id: 'note.title' })}
          required
          dir="auto"
          data-testid="note-title"
          {...form.getInputProps('title')}
        />
        <Textarea
          label={intl.formatMessage({ id: 'note.body' })}
          autosize
          minRows={3}
          dir="auto"
          data-testid="note-body"
          {...form.getInputProps('body')}
        />
        <TextInput
          type="date"
          label={intl.formatMessage({ id: 'note.occurredOn' })}
          data-testid="note-date"
          {...form.getInputProps('occurredOn')}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
