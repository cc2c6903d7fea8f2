import { Button, Group } from '@mantine/core';
import { useIntl } from 'react-intl';

export function FormActions({ onCancel, submitting }: { onCancel: () => void; submitting: boolean }) {
  const intl = useIntl();
  return (
    <Group justify="flex-end" mt="md">
      <Button variant="default" onClick={onCancel}>
        {intl.formatMessage({ id: 'common.cancel' })}
      </Button>
      <Button type="submit" loading={submitting} data-testid="form-submit">
        {intl.formatMessage({ id: 'common.save' })}
      </Button>
    </Group>
  );
}
