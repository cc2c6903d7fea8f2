import { type ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useIntl } from 'react-intl';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAmbulance,
  IconArrowBackUp,
  IconFileCertificate,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import type { DataCategory, EmergencyAccess, Person } from '@lotse/common';
import { DataTable } from '../../ui/DataTable';
import { type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { type MessageId, isMessageId } from '../../i18n/catalogues';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormModal } from '../../ui/FormModal';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';
import { useMe } from '../auth/AuthProvider';
import { AccessLogPanel } from '../privacy/AccessLogPanel';
import { ConsentRequired } from '../privacy/ConsentRequired';
import { ConsentsPanel } from '../privacy/ConsentsPanel';
import { EmergencyAccessForm } from '../privacy/EmergencyAccessForm';
import { EmergencyBanner } from '../privacy/EmergencyBanner';
import { ErasureDialog } from '../privacy/ErasureDialog';
import { ExportDialogBody } from '../privacy/ExportDialog';
import { mayErasePerson, mayExportPerson, mayOpenEmergency } from '../privacy/permissions';
import { VisibilityPanel } from '../privacy/VisibilityPanel';
import { BenefitForm } from './BenefitForm';
import { type Fact, FactTable } from './FactTable';
import { HouseholdForm } from './HouseholdForm';
import { IdentifierForm } from './IdentifierForm';
import { NoteForm } from './NoteForm';
import { PersonEditForm } from './PersonEditForm';
import { PersonHistory } from './PersonHistory';
import { PersonName } from './PersonSummaryCard';
import { RelationForm } from './RelationForm';
import { ResidenceForm } from './ResidenceForm';
import { mayChangePersons } from './permissions';
import { daysUntil, expiryState, usePersonFormat } from './person-format';
import { personsApi } from './persons.api';

type Dialog =
  | 'edit'
  | 'identifier'
  | 'residence'
  | 'benefit'
  | 'relation'
  | 'household'
  | 'note'
  | 'emergency'
  | 'export';
const dialogTitles: Record<Dialog, MessageId> = {
  edit: 'person.edit',
  identifier: 'identifier.add',
  residence: 'residence.add',
  benefit: 'benefit.add',
  relation: 'relation.add',
  household: 'household.add',
  note: 'note.add',
  emergency: 'emergency.title',
  export: 'export.title',
};

/** One titled part of the person page, with its add button. */
function Section({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={`${id}-title`}
      data-testid={`section-${id}`}
    >
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} size="h3" id={`${id}-title`}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

/**
 * Everything about one person the member may see, for the purpose they work for: where each value came from, on
 * which basis they see it, the person's consents, every access to their data, and the history.
 */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const me = useMe();
  const canChange = mayChangePersons(me);
  const resource = useApi<Person>(`/api/persons/${encodeURIComponent(id)}`);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [note, setNote] = useState<string>();
  const [actionError, setActionError] = useState<ApiError>();
  // The emergency access opened on this page, for the time it ends.
  const [emergency, setEmergency] = useState<EmergencyAccess>();
  const consentRequired = resource.error?.code === 'CONSENT_REQUIRED';
  const person = consentRequired ? undefined : resource.data;

  // A merged record answers with the person it was merged into: show that one's address.
  useEffect(() => {
    if (person && person.id !== id) void navigate(`/persons/${person.id}`, { replace: true });
  }, [person, id, navigate]);

  const close = () => setDialog(null);
  const open = (d: Dialog) => {
    setNote(undefined);
    setDialog(d);
  };
  const saved = () => {
    close();
    setNote(intl.formatMessage({ id: 'common.saved' }));
    resource.reload();
  };
  const undo = async (mergeId: string) => {
    setActionError(undefined);
    setNote(undefined);
    try {
      await personsApi.undoMerge(mergeId);
      setNote(intl.formatMessage({ id: 'merge.undone' }));
      resource.reload();
    } catch (e) {
      setActionError(toApiError(e));
    }
  };

  const removeIdentifier = async (identifierId: string) => {
    setActionError(undefined);
    setNote(undefined);
    try {
      await personsApi.removeIdentifier(id, identifierId);
      setNote(intl.formatMessage({ id: 'identifier.removed' }));
      resource.reload();
    } catch (e) {
      setActionError(toApiError(e));
    }
  };

  // A consent recorded or an emergency access opened here changes what the member may see.
  const accessChanged = (access?: EmergencyAccess) => {
    close();
    if (access) setEmergency(access);
    resource.reload();
  };

  if (!person) {
    return (
      <Page
        title={intl.formatMessage({ id: 'person.title' })}
        testId={consentRequired ? 'person-withheld' : undefined}
      >
        {/* An action's outcome (an undone merge) stays visible even when the reloaded person is withheld. */}
        <SuccessNote>{note}</SuccessNote>
        {consentRequired && resource.error ? (
          <ConsentRequired personId={id} error={resource.error} onChanged={accessChanged} />
        ) : resource.error ? (
          <ErrorAlert error={resource.error} />
        ) : (
          <Loading />
        )}
      </Page>
    );
  }

  const sees = (category: DataCategory) => person.visibility.categories.some((c) => c.category === category);
  const nameWithheld = intl.formatMessage({ id: 'person.nameWithheld' });

  const addButton = (d: Dialog, label: MessageId) =>
    canChange ? (
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => open(d)}
        data-testid={`${d}-add`}
      >
        {intl.formatMessage({ id: label })}
      </Button>
    ) : undefined;

  return (
    <Page
      title={person.displayName || nameWithheld}
      heading={
        <span data-testid="person-name" data-withheld={!person.displayName}>
          {person.displayName ? (
            <PersonName
              displayName={person.displayName}
              originalName={
                [person.name.givenNamesOriginal, person.name.familyNameOriginal].filter(Boolean).join(' ') ||
                null
              }
            />
          ) : (
            <Text span inherit c="dimmed" fs="italic">
              {nameWithheld}
            </Text>
          )}
        </span>
      }
      testId="person-detail"
      actions={
        <Group gap="sm">
          {mayExportPerson(me) && (
            <Button
              variant="default"
              leftSection={<IconFileCertificate size={18} aria-hidden />}
              onClick={() => open('export')}
              data-testid="person-export"
            >
              {intl.formatMessage({ id: 'export.button' })}
            </Button>
          )}
          {mayErasePerson(me) && <ErasureDialog personId={person.id} onErased={resource.reload} />}
          {/* Editing needs the names and personal data in view; a withheld field would come back empty. */}
          {canChange && sees('identity_contact') && (
            <Button
              leftSection={<IconPencil size={18} aria-hidden />}
              onClick={() => open('edit')}
              data-testid="person-edit"
            >
              {intl.formatMessage({ id: 'person.edit' })}
            </Button>
          )}
        </Group>
      }
    >
      {person.visibility.emergency && <EmergencyBanner expiresAt={emergency?.expiresAt} />}
      <SuccessNote>{note}</SuccessNote>
      <ErrorAlert error={actionError ?? resource.error} />
      <VisibilityPanel
        visibility={person.visibility}
        action={
          mayOpenEmergency(me) && !person.visibility.emergency ? (
            <Button
              size="xs"
              variant="outline"
              color="red.9"
              leftSection={<IconAmbulance size={16} aria-hidden />}
              onClick={() => open('emergency')}
              data-testid="emergency-open"
            >
              {intl.formatMessage({ id: 'emergency.open' })}
            </Button>
          ) : undefined
        }
      />
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview" data-testid="tab-overview">
            {intl.formatMessage({ id: 'person.tabOverview' })}
          </Tabs.Tab>
          <Tabs.Tab value="consents" data-testid="tab-consents">
            {intl.formatMessage({ id: 'person.tabConsents' })}
          </Tabs.Tab>
          <Tabs.Tab value="access-log" data-testid="tab-access-log">
            {intl.formatMessage({ id: 'person.tabAccessLog' })}
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="tab-history">
            {intl.formatMessage({ id: 'person.tabHistory' })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <PersonOverview
            person={person}
            sees={sees}
            addButton={addButton}
            onUndo={(m) => void undo(m)}
            onRemoveIdentifier={(i) => void removeIdentifier(i)}
            canChange={canChange}
          />
        </Tabs.Panel>
        <Tabs.Panel value="consents" pt="md">
          <ConsentsPanel person={person} onChanged={resource.reload} />
        </Tabs.Panel>
        <Tabs.Panel value="access-log" pt="md">
          <AccessLogPanel personId={person.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <PersonHistory personId={person.id} />
        </Tabs.Panel>
      </Tabs>
      <FormModal
        opened={dialog !== null}
        onClose={close}
        title={intl.formatMessage({ id: dialogTitles[dialog ?? 'edit'] })}
      >
        {dialog === 'edit' && (
          <PersonEditForm
            person={person}
            onSaved={(updated) => {
              resource.update(() => updated);
              saved();
            }}
            onCancel={close}
          />
        )}
        {dialog === 'identifier' && <IdentifierForm personId={person.id} onSaved={saved} onCancel={close} />}
        {dialog === 'residence' && <ResidenceForm personId={person.id} onSaved={saved} onCancel={close} />}
        {dialog === 'benefit' && <BenefitForm personId={person.id} onSaved={saved} onCancel={close} />}
        {dialog === 'relation' && <RelationForm personId={person.id} onSaved={saved} onCancel={close} />}
        {dialog === 'household' && <HouseholdForm person={person} onSaved={saved} onCancel={close} />}
        {dialog === 'note' && <NoteForm personId={person.id} onSaved={saved} onCancel={close} />}
        {dialog === 'emergency' && (
          <EmergencyAccessForm personId={person.id} onOpened={accessChanged} onCancel={close} />
        )}
        {dialog === 'export' && <ExportDialogBody personId={person.id} />}
      </FormModal>
    </Page>
  );
}

function PersonOverview({
  person,
  sees,
  addButton,
  onUndo,
  onRemoveIdentifier,
  canChange,
}: {
  person: Person;
  /** Whether the member sees the category (else it is withheld, whether or not data exists). */
  sees: (category: DataCategory) => boolean;
  addButton: (d: Dialog, label: MessageId) => ReactNode;
  onUndo: (mergeId: string) => void;
  onRemoveIdentifier: (identifierId: string) => void;
  canChange: boolean;
}) {
  const intl = useIntl();
  const labels = useLabels();
  const format = usePersonFormat();
  const t = (id: MessageId) => intl.formatMessage({ id });
  // Provenance is kept per field path; a part (name.familyName) falls back to its whole (name).
  const source = (field: string) =>
    format.source(person.provenance[field] ?? person.provenance[field.split('.')[0] ?? field]);
  const dash = '—';
  const text = (value: string | null | undefined, auto = false) =>
    value ? auto ? <bdi dir="auto">{value}</bdi> : <bdi>{value}</bdi> : dash;
  const nameLine = (n: Person['name'] | null) =>
    n ? [n.givenNames, n.familyName].filter(Boolean).join(' ') || null : null;
  const originalLine = (n: Person['name'] | null) =>
    n ? [n.givenNamesOriginal, n.familyNameOriginal].filter(Boolean).join(' ') || null : null;

  const names: Fact[] = [
    {
      key: 'name.givenNames',
      label: t('person.givenNames'),
      value: text(person.name.givenNames),
      source: source('name.givenNames'),
    },
    {
      key: 'name.familyName',
      label: t('person.familyName'),
      value: text(person.name.familyName),
      source: source('name.familyName'),
    },
    {
      key: 'name.original',
      label: t('person.originalScript'),
      value: text(originalLine(person.name), true),
      source: source('name.familyNameOriginal'),
    },
    {
      key: 'nameOrder',
      label: t('person.nameOrder'),
      value: labels.nameOrder(person.nameOrder),
      source: source('nameOrder'),
    },
    {
      key: 'birthName',
      label: t('person.birthName'),
      value: person.birthName ? (
        <>
          {text(nameLine(person.birthName))}
          {originalLine(person.birthName) && <> · {text(originalLine(person.birthName), true)}</>}
        </>
      ) : (
        dash
      ),
      source: source('birthName'),
    },
    {
      key: 'formerNames',
      label: t('person.formerNames'),
      value:
        person.formerNames.length === 0 ? (
          dash
        ) : (
          <Stack gap={2} component="ul" className="plain-list">
            {person.formerNames.map((n, i) => (
              <li key={i}>
                {text(nameLine(n))}
                {originalLine(n) && <> · {text(originalLine(n), true)}</>}
              </li>
            ))}
          </Stack>
        ),
      source: source('formerNames'),
    },
  ];

  const address = person.address
    ? [
        person.address.careOf,
        person.address.street,
        [person.address.postcode, person.address.city].filter(Boolean).join(' '),
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  const contact = person.contact
    ? [
        person.contact.phone,
        person.contact.email,
        person.contact.preferredChannel &&
          `${t('person.preferredChannel')}: ${labels.channel(person.contact.preferredChannel)}`,
        person.contact.preferredLanguage &&
          `${t('person.preferredLanguage')}: ${format.language(person.contact.preferredLanguage)}`,
      ]
        .filter(Boolean)
        .join(' · ')
    : null;
  const personal: Fact[] = [
    { key: 'sex', label: t('person.sex'), value: labels.sex(person.sex), source: source('sex') },
    {
      key: 'dateOfBirth',
      label: t('person.dateOfBirth'),
      value: (
        <span data-testid="person-dob" data-certainty={person.dateOfBirth.certainty}>
          {format.dateOfBirth(person.dateOfBirth)}
        </span>
      ),
      source: source('dateOfBirth'),
    },
    {
      key: 'placeOfBirth',
      label: t('person.placeOfBirth'),
      value: text(person.placeOfBirth, true),
      source: source('placeOfBirth'),
    },
    {
      key: 'countryOfBirth',
      label: t('person.countryOfBirth'),
      value: person.countryOfBirth ? format.country(person.countryOfBirth) : dash,
      source: source('countryOfBirth'),
    },
    {
      key: 'nationalities',
      label: t('person.nationalities'),
      value: person.nationalities.map(format.country).join(', ') || dash,
      source: source('nationalities'),
    },
    {
      key: 'languages',
      label: t('person.languages'),
      value:
        person.languages.length === 0 ? (
          dash
        ) : (
          <Group gap={6}>
            {person.languages.map((l) => (
              <Badge key={l.code} variant="outline" color={l.interpreterNeeded ? 'red.9' : 'lotse.9'}>
                {l.interpreterNeeded
                  ? intl.formatMessage(
                      { id: 'person.languageInterpreter' },
                      { language: format.language(l.code) },
                    )
                  : format.language(l.code)}
              </Badge>
            ))}
          </Group>
        ),
      source: source('languages'),
    },
    { key: 'address', label: t('person.address'), value: text(address, true), source: source('address') },
    { key: 'contact', label: t('person.contact'), value: text(contact), source: source('contact') },
  ];

  const provenance = Object.entries(person.provenance);
  // An empty list says "none recorded" only where the member sees the category (or everything, in an
  // emergency); elsewhere the person may have such data at another agency, withheld from the member.
  const empty = (category: DataCategory, none: MessageId) => {
    const known = sees(category) || person.visibility.emergency;
    return (
      <Text c="dimmed" data-testid={known ? undefined : 'category-withheld'}>
        {t(known ? none : 'person.nothingVisible')}
      </Text>
    );
  };
  const relatedName = (name: string) => name || t('person.nameWithheld');

  return (
    <Stack gap="lg">
      {sees('identity_contact') ? (
        <>
          <Section id="names" title={t('person.section.names')}>
            <FactTable facts={names} caption={t('person.section.names')} testId="names-table" />
          </Section>
          <Section id="personal" title={t('person.section.personal')}>
            <FactTable facts={personal} caption={t('person.section.personal')} testId="personal-table" />
          </Section>
        </>
      ) : (
        <Section id="identity" title={t('person.section.identity')}>
          <Text c="dimmed" data-testid="identity-withheld">
            {t('person.identityWithheld')}
          </Text>
        </Section>
      )}

      <Section
        id="identifiers"
        title={t('person.section.identifiers')}
        action={addButton('identifier', 'identifier.add')}
      >
        {person.identifiers.length === 0 ? (
          empty('identity_contact', 'identifier.empty')
        ) : (
          <DataTable
            testId="identifiers-table"
            minWidth={640}
            head={
              <>
                <Table.Th scope="col">{t('identifier.kind')}</Table.Th>
                <Table.Th scope="col">{t('identifier.value')}</Table.Th>
                <Table.Th scope="col">{t('identifier.agency')}</Table.Th>
                <Table.Th scope="col">{t('common.recordedAt')}</Table.Th>
                <Table.Th scope="col">{t('identifier.sourceRecord')}</Table.Th>
                {canChange && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </>
            }
          >
            {person.identifiers.map((identifier, i) => (
              <Table.Tr key={`${identifier.kind}-${identifier.value}-${i}`} data-testid="identifier-row">
                <Table.Td>{labels.identifierKind(identifier.kind)}</Table.Td>
                <Table.Td>
                  <bdi>
                    <code>{identifier.value}</code>
                  </bdi>
                </Table.Td>
                <Table.Td data-testid="identifier-agency">
                  <bdi>{identifier.agencyName ?? t('person.unknownAgency')}</bdi>
                </Table.Td>
                <Table.Td>{format.date(identifier.recordedAt)}</Table.Td>
                <Table.Td>
                  {identifier.personId === person.id ? (
                    t('identifier.thisRecord')
                  ) : (
                    <Badge variant="light" color="gray.8">
                      {intl.formatMessage(
                        { id: 'identifier.mergedRecord' },
                        { id: identifier.personId.slice(0, 8) },
                      )}
                    </Badge>
                  )}
                </Table.Td>
                {canChange && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red.9"
                      onClick={() => onRemoveIdentifier(identifier.id)}
                      aria-label={intl.formatMessage(
                        { id: 'identifier.remove' },
                        { value: identifier.value },
                      )}
                      data-testid="identifier-remove"
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Section>

      <Section
        id="residence"
        title={t('person.section.residence')}
        action={addButton('residence', 'residence.add')}
      >
        {person.residence.length === 0 ? (
          empty('residence', 'residence.empty')
        ) : (
          <DataTable
            testId="residence-table"
            minWidth={720}
            striped={false}
            head={
              <>
                <Table.Th scope="col">{t('residence.kind')}</Table.Th>
                <Table.Th scope="col">{t('residence.paragraph')}</Table.Th>
                <Table.Th scope="col">{t('common.validFrom')}</Table.Th>
                <Table.Th scope="col">{t('common.validUntil')}</Table.Th>
                <Table.Th scope="col">{t('identifier.agency')}</Table.Th>
                <Table.Th scope="col">{t('residence.note')}</Table.Th>
              </>
            }
          >
            {person.residence.map((r) => {
              const state = expiryState(r.validUntil);
              return (
                <Table.Tr
                  key={r.id}
                  data-testid="residence-row"
                  data-expiry={state ?? 'none'}
                  bg={state === 'expired' ? 'red.0' : state === 'expiring' ? 'yellow.0' : undefined}
                >
                  <Table.Td fw={600}>{labels.residenceKind(r.kind)}</Table.Td>
                  <Table.Td>{text(r.paragraph)}</Table.Td>
                  <Table.Td>{format.date(r.validFrom)}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {format.date(r.validUntil)}
                      {state === 'expired' && (
                        <Badge color="red.9" variant="filled">
                          {t('residence.expired')}
                        </Badge>
                      )}
                      {state === 'expiring' && r.validUntil && (
                        <Badge color="yellow.4" autoContrast variant="filled">
                          {intl.formatMessage(
                            { id: 'residence.expiresIn' },
                            { days: daysUntil(r.validUntil) },
                          )}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{r.agencyName ?? dash}</bdi>
                  </Table.Td>
                  <Table.Td>{text(r.note, true)}</Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        )}
      </Section>

      <Section
        id="benefits"
        title={t('person.section.benefits')}
        action={addButton('benefit', 'benefit.add')}
      >
        {person.benefits.length === 0 ? (
          empty('benefits', 'benefit.empty')
        ) : (
          <DataTable
            testId="benefits-table"
            minWidth={640}
            head={
              <>
                <Table.Th scope="col">{t('benefit.system')}</Table.Th>
                <Table.Th scope="col">{t('common.validFrom')}</Table.Th>
                <Table.Th scope="col">{t('common.validUntil')}</Table.Th>
                <Table.Th scope="col">{t('benefit.reference')}</Table.Th>
                <Table.Th scope="col">{t('identifier.agency')}</Table.Th>
              </>
            }
          >
            {person.benefits.map((b) => (
              <Table.Tr key={b.id} data-testid="benefit-row">
                <Table.Td fw={600}>{labels.benefitSystem(b.system)}</Table.Td>
                <Table.Td>{format.date(b.validFrom)}</Table.Td>
                <Table.Td>{b.validUntil ? format.date(b.validUntil) : t('benefit.ongoing')}</Table.Td>
                <Table.Td>{text(b.reference)}</Table.Td>
                <Table.Td>
                  <bdi>{b.agencyName ?? dash}</bdi>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Section>

      <Section
        id="family"
        title={t('person.section.family')}
        action={
          <Group gap="xs">
            {addButton('relation', 'relation.add')}
            {person.relations.length > 0 && addButton('household', 'household.add')}
          </Group>
        }
      >
        <Stack gap="sm">
          {person.relations.length === 0 &&
            person.households.length === 0 &&
            empty('family', 'relation.empty')}
          {person.relations.length > 0 && (
            <Stack gap={4} component="ul" className="plain-list" data-testid="relations">
              {person.relations.map((r) => (
                <li key={`${r.relation}-${r.relatedPersonId}`} data-testid="relation-row">
                  {labels.relation(r.relation)}:{' '}
                  <Anchor component={Link} to={`/persons/${r.relatedPersonId}`}>
                    <bdi>{relatedName(r.relatedDisplayName)}</bdi>
                  </Anchor>
                </li>
              ))}
            </Stack>
          )}
          {person.households.map((h) => (
            <Paper key={h.id} withBorder p="sm" data-testid="household">
              <Text fw={600}>
                {labels.householdKind(h.kind)}
                {h.bgNumber && (
                  <>
                    {' · '}
                    <bdi>
                      <code>{h.bgNumber}</code>
                    </bdi>
                  </>
                )}
              </Text>
              <Group gap="md" component="ul" className="plain-list" mt={4}>
                {h.members.map((m) => (
                  <li key={m.personId}>
                    {m.personId === person.id ? (
                      <bdi>{relatedName(m.displayName)}</bdi>
                    ) : (
                      <Anchor component={Link} to={`/persons/${m.personId}`}>
                        <bdi>{relatedName(m.displayName)}</bdi>
                      </Anchor>
                    )}{' '}
                    (
                    {isMessageId(`householdRole.${m.role}`)
                      ? intl.formatMessage({ id: `householdRole.${m.role}` as MessageId })
                      : m.role}
                    )
                  </li>
                ))}
              </Group>
            </Paper>
          ))}
        </Stack>
      </Section>

      <Section id="notes" title={t('person.section.notes')} action={addButton('note', 'note.add')}>
        {person.notes.length === 0 ? (
          <Text c="dimmed">{t('note.empty')}</Text>
        ) : (
          <Stack gap="sm" component="ul" className="plain-list" data-testid="notes">
            {[...person.notes]
              .sort((a, b) => (b.occurredOn ?? b.recordedAt).localeCompare(a.occurredOn ?? a.recordedAt))
              .map((n) => (
                <Paper
                  key={n.id}
                  withBorder
                  p="sm"
                  component="li"
                  data-testid="note-row"
                  data-category={n.category}
                >
                  <Group gap="xs" justify="space-between" align="baseline">
                    <Group gap="xs" align="baseline">
                      <Badge variant="light">{labels.category(n.category)}</Badge>
                      <Text fw={600}>
                        <bdi dir="auto">{n.title}</bdi>
                      </Text>
                    </Group>
                    {n.occurredOn && <Text size="sm">{format.date(n.occurredOn)}</Text>}
                  </Group>
                  {n.body && (
                    <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                      <bdi dir="auto">{n.body}</bdi>
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" mt={4}>
                    {intl.formatMessage(
                      { id: 'person.recordedBy' },
                      {
                        agency: n.agencyName ?? t('person.unknownAgency'),
                        date: format.date(n.recordedAt),
                      },
                    )}
                  </Text>
                </Paper>
              ))}
          </Stack>
        )}
      </Section>

      <Section id="provenance" title={t('person.section.provenance')}>
        <Text size="sm" mb="sm">
          {t('provenance.intro')}
        </Text>
        {provenance.length === 0 ? (
          <Text c="dimmed">{t('provenance.empty')}</Text>
        ) : (
          <DataTable
            testId="provenance-table"
            minWidth={480}
            head={
              <>
                <Table.Th scope="col">{t('provenance.field')}</Table.Th>
                <Table.Th scope="col">{t('identifier.agency')}</Table.Th>
                <Table.Th scope="col">{t('common.recordedAt')}</Table.Th>
              </>
            }
          >
            {provenance.map(([field, p]) => (
              <Table.Tr key={field} data-testid="provenance-row">
                <Table.Th scope="row" fw={400}>
                  {format.field(field)}
                </Table.Th>
                <Table.Td>
                  <bdi>{p.agencyName ?? t('person.unknownAgency')}</bdi>
                </Table.Td>
                <Table.Td>{format.date(p.recordedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Section>

      {person.mergedRecords.length > 0 && (
        <Section id="merged" title={t('person.section.merged')}>
          <Stack gap="xs" component="ul" className="plain-list">
            {person.mergedRecords.map((m) => (
              <Group key={m.mergeId} component="li" justify="space-between" data-testid="merged-record">
                <Text size="sm">
                  {intl.formatMessage(
                    { id: 'merge.recordLine' },
                    { id: m.personId.slice(0, 8), date: format.dateTime(m.mergedAt) },
                  )}
                </Text>
                {canChange && (
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconArrowBackUp size={16} aria-hidden className="flip-rtl" />}
                    onClick={() => onUndo(m.mergeId)}
                    data-testid="undo-merge"
                  >
                    {t('merge.undo')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Section>
      )}
    </Stack>
  );
}
