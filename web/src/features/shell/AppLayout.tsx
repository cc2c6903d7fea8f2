import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useIntl } from 'react-intl';
import { useDisclosure } from '@mantine/hooks';
import { AppShell, Badge, Burger, Button, Group, Stack, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { LanguageSelect } from '../../i18n/LanguageSelect';
import { MAIN_ID, SkipLink } from '../../ui/SkipLink';
import { useAuth, useMe } from '../auth/AuthProvider';
import { worksForPurpose } from '../privacy/permissions';
import { PurposeSelect } from '../privacy/PurposeSelect';
import { Navigation } from './Navigation';
import { UserSummary } from './UserSummary';

/** The signed-in frame: header with municipality, demo notice, user and language; navigation; the page. */
export function AppLayout() {
  const intl = useIntl();
  const me = useMe();
  const { signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const withPurpose = worksForPurpose(me);

  useEffect(close, [location.pathname, close]);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={intl.formatMessage({ id: 'shell.toggleNav' })}
                aria-expanded={opened}
              />
              <Stack gap={0} miw={0} visibleFrom="sm">
                <Text fw={700} c="lotse.9" lh={1.2}>
                  {intl.formatMessage({ id: 'app.name' })}
                </Text>
                <Text size="sm" lh={1.2} truncate data-testid="municipality-name">
                  <bdi>{me.municipality.name}</bdi>
                </Text>
              </Stack>
              {me.municipality.isDemo && (
                <Badge
                  color="yellow.4"
                  autoContrast
                  size="lg"
                  radius="sm"
                  data-testid="demo-badge"
                  title={intl.formatMessage({ id: 'shell.demoBanner' })}
                >
                  {/* The long text where the header has room beside the purpose of work. */}
                  <Text span visibleFrom="xl" inherit>
                    {intl.formatMessage({ id: 'shell.demoBanner' })}
                  </Text>
                  <Text span hiddenFrom="xl" inherit>
                    {intl.formatMessage({ id: 'shell.demoBadge' })}
                  </Text>
                </Badge>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <UserSummary visibleFrom="lg" />
              {withPurpose && <PurposeSelect visibleFrom="md" w={{ md: 220, lg: 300, xl: 340 }} />}
              <LanguageSelect hideLabel />
              <Button
                variant="default"
                size="xs"
                onClick={() => void signOut()}
                leftSection={<IconLogout size={16} aria-hidden className="flip-rtl" />}
                aria-label={intl.formatMessage({ id: 'shell.logout' })}
                data-testid="logout"
              >
                {/* On small screens only the icon shows; aria-label keeps the name. */}
                <Text span visibleFrom="sm" inherit>
                  {intl.formatMessage({ id: 'shell.logout' })}
                </Text>
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        {/* The navigation scrolls by itself: with many pages (administration, privacy) it is taller than a screen. */}
        <AppShell.Navbar
          p="sm"
          aria-label={intl.formatMessage({ id: 'shell.mainNav' })}
          style={{ overflowY: 'auto' }}
        >
          <Navigation />
          {withPurpose && (
            <PurposeSelect
              hiddenFrom="md"
              label={intl.formatMessage({ id: 'purpose.label' })}
              mt="md"
              testId="purpose-select-nav"
            />
          )}
          <UserSummary hiddenFrom="lg" mt="auto" pt="md" withMunicipality />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
