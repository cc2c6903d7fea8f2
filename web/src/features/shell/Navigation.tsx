import { NavLink as RouterNavLink, useLocation } from 'react-router';
import { useIntl } from 'react-intl';
import { NavLink, Stack, Text } from '@mantine/core';
import type { MessageId } from '../../i18n/catalogues';
import { useMe } from '../auth/AuthProvider';
import { type NavItem, visibleNavItems } from './nav';

function isActive(item: NavItem, pathname: string) {
  return item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The navigation items the signed-in user's roles reach, with the administration ones grouped. */
export function Navigation() {
  const intl = useIntl();
  const me = useMe();
  const { pathname } = useLocation();
  const items = visibleNavItems(me);
  const link = (item: NavItem) => (
    <NavLink
      key={item.key}
      component={RouterNavLink}
      to={item.to}
      end={item.to === '/'}
      label={intl.formatMessage({ id: item.label })}
      leftSection={<item.icon size={18} aria-hidden />}
      active={isActive(item, pathname)}
      data-testid={`nav-${item.key}`}
    />
  );
  const group = (key: 'privacy' | 'admin', heading: MessageId) => {
    const members = items.filter((i) => i.group === key);
    if (members.length === 0) return null;
    return (
      <>
        <Text id={`nav-${key}-heading`} size="xs" fw={700} tt="uppercase" c="dimmed" mt="md" mb={4} px="sm">
          {intl.formatMessage({ id: heading })}
        </Text>
        <Stack gap={4} role="group" aria-labelledby={`nav-${key}-heading`}>
          {members.map(link)}
        </Stack>
      </>
    );
  };
  return (
    <Stack gap={4}>
      {items.filter((i) => i.group === 'main').map(link)}
      {group('privacy', 'nav.privacyGroup')}
      {group('admin', 'nav.adminGroup')}
    </Stack>
  );
}
