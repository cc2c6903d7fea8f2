import { useIntl } from 'react-intl';
import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Agency, Organisation, Site } from '@lotse/common';
import { useApi } from '../../api/use-api';
import { useLabels } from '../../i18n/labels';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { Page } from '../../ui/Page';
import { useMe } from '../auth/AuthProvider';

function AgencyList({
  agencies,
  sites,
  title,
  countId,
}: {
  agencies: Agency[];
  sites: Site[];
  title: string;
  countId: 'home.agencyCount' | 'home.partnerCount';
}) {
  const intl = useIntl();
  const labels = useLabels();
  const siteName = (id: Agency['siteId']) =>
    sites.find((s) => s.id === id)?.name ?? intl.formatMessage({ id: 'home.noSite' });
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={3}>{title}</Title>
        <Text size="sm" c="dimmed">
          {intl.formatMessage({ id: countId }, { count: agencies.length })}
        </Text>
      </Group>
      {agencies.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage({ id: 'home.empty' })}</Text>
      ) : (
        <List spacing="xs" listStyleType="none" ps={0}>
          {agencies.map((agency) => (
            <List.Item key={agency.id}>
              <Text fw={600}>
                <bdi>{agency.name}</bdi>
              </Text>
              <Group gap={4}>
                {agency.legalDomains
                  .filter((d) => d !== 'none')
                  .map((domain) => (
                    <Badge key={domain} size="sm" variant="light">
                      {labels.domain(domain)}
                    </Badge>
                  ))}
                <Text size="xs" c="dimmed">
                  <bdi>{siteName(agency.siteId)}</bdi>
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function OrganisationOverview({ organisation }: { organisation: Organisation }) {
  const intl = useIntl();
  const active = organisation.agencies.filter((a) => a.active);
  return (
    <Stack component="section" aria-labelledby="organisation-title">
      <Title order={2} id="organisation-title">
        {intl.formatMessage({ id: 'home.organisation' }, { name: organisation.municipality.name })}
      </Title>
      <Card withBorder component="section" aria-labelledby="sites-title">
        <Title order={3} id="sites-title" mb="sm">
          {intl.formatMessage({ id: 'home.sites' })}
        </Title>
        {organisation.sites.length === 0 ? (
          <Text c="dimmed">{intl.formatMessage({ id: 'home.empty' })}</Text>
        ) : (
          <List spacing="xs" listStyleType="none" ps={0}>
            {organisation.sites
              .filter((s) => s.active)
              .map((site) => (
                <List.Item key={site.id}>
                  <Text fw={600}>
                    <bdi>{site.name}</bdi>
                  </Text>
                  <Text size="sm" c="dimmed">
                    <bdi>{site.address}</bdi>
                  </Text>
                </List.Item>
              ))}
          </List>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AgencyList
          title={intl.formatMessage({ id: 'home.agencies' })}
          countId="home.agencyCount"
          agencies={active.filter((a) => a.kind === 'agency')}
          sites={organisation.sites}
        />
        <AgencyList
          title={intl.formatMessage({ id: 'home.partners' })}
          countId="home.partnerCount"
          agencies={active.filter((a) => a.kind === 'partner')}
          sites={organisation.sites}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Start: who you are here, and what the municipality's house holds. */
export function HomePage() {
  const intl = useIntl();
  const me = useMe();
  const labels = useLabels();
  const organisation = useApi<Organisation>('/api/organisation');
  return (
    <Page title={intl.formatMessage({ id: 'home.title' }, { name: me.displayName })}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {intl.formatMessage({ id: 'home.yourAgency' })}
          </Text>
          <Text fw={600} data-testid="home-agency">
            <bdi>{me.agency.name}</bdi>
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {intl.formatMessage({ id: 'home.yourRoles' })}
          </Text>
          <Group gap={6} mt={4} data-testid="home-roles">
            {me.roles.map((role) => (
              <Badge key={role} variant="light">
                {labels.role(role)}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>
      <ErrorAlert error={organisation.error} />
      {organisation.loading && !organisation.data ? <Loading /> : null}
      {organisation.data ? <OrganisationOverview organisation={organisation.data} /> : null}
    </Page>
  );
}
