import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import {
  type PersonSummary,
  type QueueSetup,
  type ShortQuestion,
  type Ticket,
  shortQuestionTopics,
  ticketPriorities,
} from '@lotse/common';
import { api, type ApiError, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { languages } from '../../i18n/languages';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Page } from '../../ui/Page';
import { SuccessNote } from '../../ui/SuccessNote';

/** The desk: issue a ticket (optionally linked to a person), today's tickets, and the one-click short-question log. */
export function DeskPage() {
  const intl = useIntl();
  const setup = useApi<QueueSetup>('/api/queue/setup');
  const tickets = useApi<Ticket[]>('/api/queue/tickets');
  const questions = useApi<ShortQuestion[]>('/api/queue/short-questions');
  const services = setup.data?.services.filter((s) => s.active) ?? [];
  const [serviceId, setServiceId] = useState('');
  const [priority, setPriority] = useState<(typeof ticketPriorities)[number]>('normal');
  const [language, setLanguage] = useState('de');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonSummary[]>();
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [issued, setIssued] = useState<Ticket>();
  const [error, setError] = useState<ApiError>();
  const [agencyId, setAgencyId] = useState('');
  const [minutes, setMinutes] = useState('2');
  const [logged, setLogged] = useState<string>();

  const chosenService = serviceId || services[0]?.id || '';
  const chosenAgency = agencyId || setup.data?.agencies[0]?.id || '';

  const search = async () => {
    setError(undefined);
    try {
      const res = await api.get<{ hits: { person: PersonSummary }[] }>(
        `/api/persons/search?q=${encodeURIComponent(query)}&limit=5`,
      );
      setFound(res.hits.map((h) => h.person));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const issue = async () => {
    setError(undefined);
    setIssued(undefined);
    try {
      const t = await api.post<Ticket>('/api/queue/tickets', {
        serviceId: chosenService,
        priority,
        language,
        personId: person?.id ?? null,
      });
      setIssued(t);
      setPerson(null);
      setFound(undefined);
      setQuery('');
      setPriority('normal');
      tickets.reload();
      setup.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const logQuestion = async (topic: string) => {
    setError(undefined);
    try {
      await api.post('/api/queue/short-questions', {
        agencyId: chosenAgency,
        topic,
        durationMinutes: Number(minutes),
        siteId: setup.data?.sites[0]?.id ?? null,
      });
      setLogged(intl.formatMessage({ id: 'queue.short.logged' }));
      questions.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Page title={intl.formatMessage({ id: 'queue.desk.title' })} testId="queue-desk">
      <ErrorAlert error={setup.error ?? error} />
      <Card withBorder>
        <Stack>
          <Title order={2} size="h3">
            {intl.formatMessage({ id: 'queue.issue' })}
          </Title>
          <NativeSelect
            label={intl.formatMessage({ id: 'queue.service' })}
            value={chosenService}
            onChange={(e) => setServiceId(e.currentTarget.value)}
            data={services.map((s) => ({
              value: s.id,
              label: `${s.prefix} · ${s.name}${s.issuing === 'open' ? '' : ` (${intl.formatMessage({ id: `queue.issuing.${s.issuing}` })})`}`,
            }))}
            data-testid="queue-desk-service"
          />
          <Radio.Group
            label={intl.formatMessage({ id: 'queue.priority' })}
            value={priority}
            onChange={(v) => setPriority(v as typeof priority)}
          >
            <Group mt={4}>
              {ticketPriorities.map((p) => (
                <Radio key={p} value={p} label={intl.formatMessage({ id: `queue.priority.${p}` })} />
              ))}
            </Group>
          </Radio.Group>
          <NativeSelect
            label={intl.formatMessage({ id: 'queue.language' })}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value)}
            data={languages.map((l) => ({ value: l.code, label: l.name }))}
            data-testid="queue-desk-language"
          />
          <Group align="end">
            <TextInput
              label={intl.formatMessage({ id: 'queue.person' })}
              description={intl.formatMessage({ id: 'queue.personHint' })}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              data-testid="queue-desk-person-query"
            />
            <Button variant="default" onClick={() => void search()} disabled={!query.trim()}>
              {intl.formatMessage({ id: 'queue.personSearch' })}
            </Button>
          </Group>
          {person ? (
            <Group>
              <Text>
                <bdi>{person.displayName}</bdi>
              </Text>
              <Button variant="subtle" size="xs" onClick={() => setPerson(null)}>
                {intl.formatMessage({ id: 'queue.personUnlink' })}
              </Button>
            </Group>
          ) : (
            found && (
              <Stack gap={4}>
                {found.length === 0 && (
                  <Text c="dimmed">{intl.formatMessage({ id: 'queue.personNone' })}</Text>
                )}
                {found.map((p) => (
                  <Button key={p.id} variant="light" justify="start" onClick={() => setPerson(p)}>
                    <bdi>{p.displayName}</bdi>
                  </Button>
                ))}
              </Stack>
            )
          )}
          <Group>
            <Button
              leftSection={<IconTicket aria-hidden />}
              onClick={() => void issue()}
              disabled={!chosenService}
              data-testid="queue-desk-issue"
            >
              {intl.formatMessage({ id: 'queue.issue' })}
            </Button>
          </Group>
          {issued && (
            <Group gap="sm" data-testid="queue-desk-issued" data-number={issued.number}>
              <SuccessNote>
                {intl.formatMessage({ id: 'queue.issued' }, { number: issued.number })}
              </SuccessNote>
              <Anchor component={Link} to={new URL(issued.statusUrl).pathname} target="_blank">
                {intl.formatMessage({ id: 'queue.openPhone' })}
              </Anchor>
            </Group>
          )}
        </Stack>
      </Card>

      <Card withBorder>
        <Stack>
          <Title order={2} size="h3">
            {intl.formatMessage({ id: 'queue.short.title' })}
          </Title>
          <SuccessNote>{logged}</SuccessNote>
          <Group align="end">
            <NativeSelect
              label={intl.formatMessage({ id: 'queue.short.agency' })}
              value={chosenAgency}
              onChange={(e) => setAgencyId(e.currentTarget.value)}
              data={(setup.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
            <div>
              <Text size="sm" fw={500} id="queue-short-minutes">
                {intl.formatMessage({ id: 'queue.short.minutes' })}
              </Text>
              <SegmentedControl
                aria-labelledby="queue-short-minutes"
                value={minutes}
                onChange={setMinutes}
                data={['1', '2', '5', '10']}
              />
            </div>
          </Group>
          <Group>
            {shortQuestionTopics.map((topic) => (
              <Button
                key={topic}
                variant="default"
                onClick={() => void logQuestion(topic)}
                data-testid={`queue-short-${topic}`}
              >
                {intl.formatMessage({ id: `queue.topic.${topic}` })}
              </Button>
            ))}
          </Group>
          <Text size="sm">
            {intl.formatMessage({ id: 'queue.short.count' }, { count: questions.data?.length ?? 0 })}
          </Text>
        </Stack>
      </Card>

      <Title order={2} size="h3">
        {intl.formatMessage({ id: 'queue.today' })}
      </Title>
      {(tickets.data ?? []).length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'queue.empty' })}</Text>
      ) : (
        <DataTable
          testId="queue-desk-tickets"
          minWidth={560}
          head={
            <>
              <Table.Th scope="col">{intl.formatMessage({ id: 'queue.number' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'queue.service' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'queue.status' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'queue.counterCol' })}</Table.Th>
              <Table.Th scope="col">{intl.formatMessage({ id: 'queue.arrived' })}</Table.Th>
            </>
          }
        >
          {(tickets.data ?? []).map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td fw={700}>
                {t.number}
                {t.priority !== 'normal' &&
                  ` · ${intl.formatMessage({ id: `queue.priority.${t.priority}` })}`}
              </Table.Td>
              <Table.Td>
                <bdi>{t.serviceName}</bdi>
              </Table.Td>
              <Table.Td>{intl.formatMessage({ id: `queue.status.${t.status}` })}</Table.Td>
              <Table.Td>
                <bdi>{t.counterName ?? ''}</bdi>
              </Table.Td>
              <Table.Td>{intl.formatTime(t.arrivedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Page>
  );
}
