import type { ComponentType } from 'react';
import {
  IconAdjustments,
  IconAmbulance,
  IconBellRinging,
  IconBriefcase,
  IconArrowsExchange,
  IconChartDots,
  IconBarrierBlock,
  IconChartBar,
  IconTicket,
  IconBuilding,
  IconCalendarEvent,
  IconCalendarCog,
  IconClipboardList,
  IconGavel,
  IconHourglass,
  IconSignature,
  IconFileImport,
  IconFileUpload,
  IconInbox,
  IconFriends,
  IconUsersGroup,
  IconHome,
  IconListCheck,
  IconMapPin,
  IconUserCircle,
  IconUsers,
  IconSettings,
} from '@tabler/icons-react';
import type { Me, Role } from '@lotse/common';
import type { MessageId } from '../../i18n/catalogues';

export type NavKey =
  | 'home'
  | 'account'
  | 'persons'
  | 'duplicates'
  | 'imports'
  | 'appointments'
  | 'appointmentSettings'
  | 'queueDesk'
  | 'queueCounter'
  | 'queueSettings'
  | 'queueFigures'
  | 'intakeDesk'
  | 'intakeInbox'
  | 'casesWorklist'
  | 'casesReferrals'
  | 'casesCaseload'
  | 'casesObstacles'
  | 'casesSettings'
  | 'emergencies'
  | 'legalBases'
  | 'retention'
  | 'processingRecord'
  | 'consentTemplates'
  | 'sites'
  | 'agencies'
  | 'staff'
  | 'audit';

export interface NavItem {
  key: NavKey;
  to: string;
  label: MessageId;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  /** Who sees the item and may open the page; `all` is every signed-in staff member. */
  roles: readonly Role[] | 'all';
  group: 'main' | 'privacy' | 'admin';
}

/** The one list of pages and the roles that reach them: the navigation and the route guards both read it. */
export const navItems: readonly NavItem[] = [
  { key: 'home', to: '/', label: 'nav.home', icon: IconHome, roles: 'all', group: 'main' },
  {
    key: 'persons',
    to: '/persons',
    label: 'nav.persons',
    icon: IconFriends,
    roles: ['front_desk', 'caseworker', 'case_manager', 'agency_lead'],
    group: 'main',
  },
  {
    key: 'duplicates',
    to: '/duplicates',
    label: 'nav.duplicates',
    icon: IconUsersGroup,
    roles: ['caseworker', 'case_manager', 'agency_lead'],
    group: 'main',
  },
  {
    key: 'imports',
    to: '/imports',
    label: 'nav.imports',
    icon: IconFileImport,
    roles: ['caseworker', 'agency_lead'],
    group: 'main',
  },
  // Appointments (features/appointments): the desk's day and booking, services and hours.
  {
    key: 'appointments',
    to: '/appointments',
    label: 'appointments.nav.desk',
    icon: IconCalendarEvent,
    roles: ['front_desk', 'caseworker', 'case_manager', 'agency_lead'],
    group: 'main',
  },
  {
    key: 'appointmentSettings',
    to: '/appointments/settings',
    label: 'appointments.nav.settings',
    icon: IconCalendarCog,
    roles: ['agency_lead', 'municipal_admin'],
    group: 'admin',
  },
  // The walk-in queue (features/queue): desk, counter or room, configuration, daily figures.
  {
    key: 'queueDesk',
    to: '/queue/desk',
    label: 'queue.nav.desk',
    icon: IconTicket,
    roles: ['front_desk', 'agency_lead'],
    group: 'main',
  },
  {
    key: 'queueCounter',
    to: '/queue/counter',
    label: 'queue.nav.counter',
    icon: IconBellRinging,
    roles: ['front_desk', 'caseworker', 'case_manager', 'agency_lead'],
    group: 'main',
  },
  {
    key: 'queueSettings',
    to: '/queue/settings',
    label: 'queue.nav.settings',
    icon: IconAdjustments,
    roles: ['agency_lead', 'municipal_admin'],
    group: 'admin',
  },
  {
    key: 'queueFigures',
    to: '/queue/figures',
    label: 'queue.nav.figures',
    icon: IconChartBar,
    roles: ['front_desk', 'agency_lead', 'municipal_admin'],
    group: 'main',
  },
  // Document intake (features/intake): the desk receives, the agencies' inboxes process.
  {
    key: 'intakeDesk',
    to: '/intake',
    label: 'intake.nav.desk',
    icon: IconFileUpload,
    roles: ['front_desk'],
    group: 'main',
  },
  {
    key: 'intakeInbox',
    to: '/intake/inbox',
    label: 'intake.nav.inbox',
    icon: IconInbox,
    roles: ['caseworker', 'case_manager', 'agency_lead'],
    group: 'main',
  },
  // Case management (features/cases): worklist and cases, referrals (also partners), caseload, obstacles.
  {
    key: 'casesWorklist',
    to: '/cases',
    label: 'cases.nav.worklist',
    icon: IconBriefcase,
    roles: ['case_manager', 'agency_lead', 'caseworker'],
    group: 'main',
  },
  {
    key: 'casesReferrals',
    to: '/referrals',
    label: 'cases.nav.referrals',
    icon: IconArrowsExchange,
    roles: ['partner_staff', 'case_manager', 'agency_lead', 'caseworker'],
    group: 'main',
  },
  {
    key: 'casesCaseload',
    to: '/cases/caseload',
    label: 'cases.nav.caseload',
    icon: IconChartDots,
    roles: ['agency_lead'],
    group: 'main',
  },
  {
    key: 'casesObstacles',
    to: '/cases/obstacles',
    label: 'cases.nav.obstacles',
    icon: IconBarrierBlock,
    roles: ['municipal_admin', 'agency_lead', 'state_reporter'],
    group: 'main',
  },
  {
    key: 'casesSettings',
    to: '/cases/settings',
    label: 'cases.nav.settings',
    icon: IconSettings,
    roles: ['municipal_admin', 'agency_lead'],
    group: 'admin',
  },
  { key: 'account', to: '/account', label: 'nav.account', icon: IconUserCircle, roles: 'all', group: 'main' },
  {
    key: 'emergencies',
    to: '/privacy/emergencies',
    label: 'nav.emergencies',
    icon: IconAmbulance,
    roles: ['data_protection_officer'],
    group: 'privacy',
  },
  {
    key: 'legalBases',
    to: '/privacy/legal-bases',
    label: 'nav.legalBases',
    icon: IconGavel,
    roles: ['data_protection_officer', 'municipal_admin'],
    group: 'privacy',
  },
  {
    key: 'consentTemplates',
    to: '/privacy/consent-templates',
    label: 'nav.consentTemplates',
    icon: IconSignature,
    roles: ['data_protection_officer', 'municipal_admin'],
    group: 'privacy',
  },
  {
    key: 'retention',
    to: '/privacy/retention',
    label: 'nav.retention',
    icon: IconHourglass,
    roles: ['data_protection_officer', 'municipal_admin'],
    group: 'privacy',
  },
  {
    key: 'processingRecord',
    to: '/privacy/processing-record',
    label: 'nav.processingRecord',
    icon: IconClipboardList,
    roles: ['data_protection_officer', 'municipal_admin'],
    group: 'privacy',
  },
  {
    key: 'sites',
    to: '/admin/sites',
    label: 'nav.sites',
    icon: IconMapPin,
    roles: ['municipal_admin'],
    group: 'admin',
  },
  {
    key: 'agencies',
    to: '/admin/agencies',
    label: 'nav.agencies',
    icon: IconBuilding,
    roles: ['municipal_admin'],
    group: 'admin',
  },
  {
    key: 'staff',
    to: '/admin/staff',
    label: 'nav.staff',
    icon: IconUsers,
    roles: ['municipal_admin', 'agency_lead'],
    group: 'admin',
  },
  {
    key: 'audit',
    to: '/audit',
    label: 'nav.audit',
    icon: IconListCheck,
    roles: ['municipal_admin'],
    group: 'admin',
  },
];

export function canSee(me: Pick<Me, 'roles'>, item: NavItem): boolean {
  return item.roles === 'all' || item.roles.some((role) => me.roles.includes(role));
}

export function navItem(key: NavKey): NavItem {
  const item = navItems.find((i) => i.key === key);
  if (!item) throw new Error(`No navigation item ${key}`);
  return item;
}

export function visibleNavItems(me: Pick<Me, 'roles'>): NavItem[] {
  return navItems.filter((item) => canSee(me, item));
}
