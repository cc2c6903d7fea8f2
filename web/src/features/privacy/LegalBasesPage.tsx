import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ActionIcon, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { type LegalBasis, type Organisation, purposes } from '@lotse/common';
import { upsert, useApi } from '../../api/use-api';
import type { MessageId } from '../../i18n/catalogues';
import { useLabels } from '../../i18n/labels';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { StatusBadge } from '../../ui/StatusBadge';
import { SuccessNote } from '../../ui/SuccessNote';
import { useMe } from '../auth/AuthProvider';
import { usePersonFormat } from '../persons/person-format';
import { LegalBasisForm } from './LegalBasisForm';
import { mayConfigureLegalBases } from './permissions';
import { privacyApi } from './privacy.api';

/**
 * The legal bases on which agencies see each other's data without the person's consent: from which agencies to
 * which, categories (and fields of identity), purposes. Administration and the data protection officer edit them.
 */
export function LegalBasesPage() {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const me = useMe();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const bases = useApi<LegalBasis[]>(privacyApi.legalBasesPath);
  const organisation = useApi<Organisation>('/api/organisation');
  const [editing, setEditing] = useState<LegalBasis | 'new' | null>(null);
  const [saved, setSaved] = useState<string>();
  const mayEdit = mayConfigureLegalBases(me);
  const agencies = organisation.data?.agencies ?? [];
  const agencyNames = (ids: string[]) =>
    ids.length === 0 ? (
      <Text span size="sm" fs="italic">
        {t('legalBases.allAgencies')}
      </Text>
    ) : (
      <Stack gap={2} component="ul" className="plain-list">
        {ids.map((id) => (
          <li key={id}>
            <bdi>{agencies.find((a) => a.id === id)?.name ?? t('person.unknownAgency')}</bdi>
          </li>
        ))}
      </Stack>
    );
  const close = () => setEditing(null);
  const openForm = (target: LegalBasis | 'new') => {
    setSaved(undefined);
    setEditing(target);
  };
  const list = bases.data ?? [];

  return (
    <Page
      title={t('legalBases.title')}
      testId="legal-bases-page"
      actions={
        mayEdit && (
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => openForm('new')}
            data-testid="legal-basis-add"
          >
            {t('legalBases.add')}
          </Button>
        )
      }
    >
      <Text>{t('legalBases.intro')}</Text>
      <SuccessNote>{saved}</SuccessNote>
      <ErrorAlert error={bases.error ?? organisation.error} />
      {bases.loading && !bases.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Text c="dimmed">{t('legalBases.empty')}</Text>
      ) : (
        <DataTable
          testId="legal-bases-table"
          minWidth={1100}
          head={
            <>
              <Table.Th scope="col">{t('legalBases.paragraph')}</Table.Th>
              <Table.Th scope="col">{t('legalBases.fromShort')}</Table.Th>
              <Table.Th scope="col">{t('legalBases.toShort')}</Table.Th>
              <Table.Th scope="col">{t('consent.categories')}</Table.Th>
              <Table.Th scope="col">{t('legalBases.purposes')}</Table.Th>
              <Table.Th scope="col">{t('legalBases.servedOnlyShort')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              {mayEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </>
          }
        >
          {list.map((b) => (
            <Table.Tr key={b.id} data-testid="legal-basis-row">
              <Table.Td>
                <Text fw={600} size="sm">
                  <bdi>{b.paragraph}</bdi>
                </Text>
                <Text size="sm">
                  <bdi>{b.title}</bdi>
                </Text>
              </Table.Td>
              <Table.Td>{agencyNames(b.fromAgencyIds)}</Table.Td>
              <Table.Td>{agencyNames(b.toAgencyIds)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {b.categories.map((c) => (
                    <Badge key={c} size="sm" variant="light">
                      {labels.category(c)}
                    </Badge>
                  ))}
                </Group>
                {b.fields.length > 0 && (
                  <Text size="xs" mt={4}>
                    {t('legalBases.fields')}: {labels.list(b.fields.map(format.field))}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {b.purposes.length === purposes.length
                    ? t('legalBases.allPurposes')
                    : labels.list(b.purposes.map(labels.purpose))}
                </Text>
              </Table.Td>
              <Table.Td>{t(b.servedOnly ? 'common.yes' : 'common.no')}</Table.Td>
              <Table.Td>
                <StatusBadge active={b.active} />
              </Table.Td>
              {mayEdit && (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    onClick={() => openForm(b)}
                    aria-label={intl.formatMessage(
                      { id: 'common.editNamed' },
                      { name: `${b.paragraph} – ${b.title}` },
                    )}
                    data-testid="legal-basis-edit"
                  >
                    <IconPencil size={18} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <FormModal
        opened={editing !== null}
        onClose={close}
        title={t(editing === 'new' ? 'legalBases.add' : 'legalBases.edit')}
      >
        {editing !== null && (
          <LegalBasisForm
            basis={editing === 'new' ? null : editing}
            agencies={agencies}
            onSaved={(basis) => {
              close();
              bases.update((data) => data && upsert(data, basis));
              setSaved(t('common.saved'));
              bases.reload();
            }}
            onCancel={close}
          />
        )}
      </FormModal>
    </Page>
  );
}
