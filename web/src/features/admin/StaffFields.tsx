import { useIntl } from 'react-intl';
import { Checkbox, NativeSelect, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type Agency, roles } from '@lotse/common';
import { useLabels } from '../../i18n/labels';

/** Agency and roles, shared by the create and the edit form. */
export function AgencyAndRoles<V extends { agencyId: string; roles: string[] }>({
  form,
  agencies,
}: {
  form: UseFormReturnType<V>;
  agencies: Agency[];
}) {
  const intl = useIntl();
  const labels = useLabels();
  return (
    <>
      <NativeSelect
        label={intl.formatMessage({ id: 'staff.agency' })}
        required
        data={[
          { value: '', label: '—' },
          ...agencies.map((agency) => ({ value: agency.id, label: agency.name })),
        ]}
        {...form.getInputProps('agencyId')}
      />
      <Checkbox.Group
        label={intl.formatMessage({ id: 'staff.roles' })}
        required
        {...form.getInputProps('roles')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {roles.map((role) => (
            <Checkbox key={role} value={role} label={labels.role(role)} data-testid={`role-${role}`} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </>
  );
}
