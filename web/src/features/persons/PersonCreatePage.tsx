import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useIntl } from 'react-intl';
import { useForm } from '@mantine/form';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { DuplicatesFound, PersonCreate, type SearchHit } from '@lotse/common';
import { type ApiError, toApiError } from '../../api/client';
import { fieldErrors } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormActions } from '../../ui/FormActions';
import { Page } from '../../ui/Page';
import { schemaValidator } from '../../ui/validation';
import { PersonFields } from './PersonFields';
import { PersonHitCard } from './PersonSummaryCard';
import { type PersonValues, emptyPersonValues, personCreateBody } from './person-form';
import { personsApi } from './persons.api';

/** Records a new person; the server searches first and answers with likely duplicates before it creates one. */
export function PersonCreatePage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();
  const [candidates, setCandidates] = useState<SearchHit[]>();
  const [confirming, setConfirming] = useState(false);
  const form = useForm<PersonValues>({
    initialValues: emptyPersonValues(),
    validate: schemaValidator(PersonCreate, intl, (v: PersonValues) => personCreateBody(v)),
  });

  const save = async (values: PersonValues, confirmNew: boolean) => {
    setError(undefined);
    try {
      const created = await personsApi.create(PersonCreate.parse(personCreateBody(values, confirmNew)));
      void navigate(`/persons/${created.id}`);
    } catch (e) {
      const apiError = toApiError(e);
      const duplicates =
        apiError.code === 'LIKELY_DUPLICATE' ? DuplicatesFound.safeParse(apiError.body) : null;
      if (duplicates?.success) {
        setCandidates(duplicates.data.candidates);
        return;
      }
      form.setErrors(fieldErrors(intl, apiError));
      setError(apiError);
    }
  };
  const submit = form.onSubmit((values) => save(values, false));
  const confirm = async () => {
    setConfirming(true);
    await save(form.getValues(), true);
    setConfirming(false);
  };

  return (
    <Page title={intl.formatMessage({ id: 'personCreate.title' })}>
      <Text>{intl.formatMessage({ id: 'personCreate.intro' })}</Text>
      <form onSubmit={submit} noValidate data-testid="person-form">
        <Stack>
          <ErrorAlert error={error} />
          <PersonFields form={form} withIdentifiers />
          {candidates === undefined && (
            <FormActions onCancel={() => void navigate('/persons')} submitting={form.submitting} />
          )}
        </Stack>
      </form>
      {candidates !== undefined && (
        <section aria-labelledby="duplicate-candidates-title" data-testid="duplicate-candidates">
          <Alert
            color="orange.9"
            variant="light"
            icon={<IconUsers aria-hidden />}
            role="alert"
            title={
              <span id="duplicate-candidates-title">
                {intl.formatMessage({ id: 'personCreate.duplicatesTitle' })}
              </span>
            }
          >
            <Stack gap="sm">
              <Text size="sm">
                {intl.formatMessage({ id: 'personCreate.duplicatesText' }, { count: candidates.length })}
              </Text>
              <Stack component="ul" className="plain-list" gap="sm">
                {candidates.map((hit) => (
                  <PersonHitCard key={hit.person.id} hit={hit} testId="duplicate-candidate" />
                ))}
              </Stack>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setCandidates(undefined)} data-testid="back-to-form">
                  {intl.formatMessage({ id: 'personCreate.backToForm' })}
                </Button>
                <Button
                  color="red.9"
                  loading={confirming}
                  onClick={() => void confirm()}
                  data-testid="confirm-new"
                >
                  {intl.formatMessage({ id: 'personCreate.confirmNew' })}
                </Button>
              </Group>
            </Stack>
          </Alert>
        </section>
      )}
    </Page>
  );
}
