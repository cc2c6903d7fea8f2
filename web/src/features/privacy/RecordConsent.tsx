import { useIntl } from 'react-intl';
import type { Consent, ConsentTemplate, Organisation, Purpose } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { ConsentForm } from './ConsentForm';
import { type ConsentValues, initialConsentValues } from './consent-form';
import { privacyApi } from './privacy.api';

export type ConsentDefaults = Parameters<typeof initialConsentValues>[1];

/** The body of the "record consent" dialog: loads agencies and consent texts, then shows the form. */
function RecordConsentBody({
  personId,
  defaults,
  requestPurpose,
  onSaved,
  onCancel,
}: {
  personId: string;
  defaults: ConsentDefaults;
  requestPurpose?: Purpose;
  onSaved: (consent: Consent) => void;
  onCancel: () => void;
}) {
  const organisation = useApi<Organisation>('/api/organisation');
  const templates = useApi<ConsentTemplate[]>(privacyApi.templatesPath);
  const error = organisation.error ?? templates.error;
  if (!organisation.data || !templates.data) return error ? <ErrorAlert error={error} /> : <Loading />;
  const initialValues: ConsentValues = initialConsentValues(templates.data, defaults);
  return (
    <ConsentForm
      personId={personId}
      agencies={organisation.data.agencies}
      templates={templates.data}
      initialValues={initialValues}
      requestPurpose={requestPurpose}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

/** The dialog that records a consent of a person, with the form filled in from `defaults`. */
export function RecordConsentDialog({
  opened,
  onClose,
  ...props
}: {
  opened: boolean;
  onClose: () => void;
  personId: string;
  defaults: ConsentDefaults;
  requestPurpose?: Purpose;
  onSaved: (consent: Consent) => void;
}) {
  const intl = useIntl();
  return (
    <FormModal opened={opened} onClose={onClose} title={intl.formatMessage({ id: 'consent.record' })}>
      {opened && <RecordConsentBody {...props} onCancel={onClose} />}
    </FormModal>
  );
}
