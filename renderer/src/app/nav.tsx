// The navigation table: every page of the console, in the groups admins think in. The router and
// the left nav are both built from it, so a new page is one entry here plus its feature folder.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  IconChartBar,
  IconCoin,
  IconFileDescription,
  IconHistory,
  IconKey,
  IconLayoutGrid,
  IconListDetails,
  IconMessageChatbot,
  IconServer,
  IconSettingsCode,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
  IconWallet,
  IconScale,
} from '@tabler/icons-react';
import type { SelfView } from '../api/types';

const orgAdmin = (self: SelfView) => self.user.role === 'owner' || self.user.role === 'admin';

export const NAV_GROUPS = ['Observe', 'Build', 'Govern', 'Organisation'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  group: NavGroup;
  /** URL path; the page also owns everything below it (`/logs/:id`). */
  path: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  page: LazyExoticComponent<ComponentType>;
  /** Shows the global time-range picker in the top bar. */
  timeRange?: boolean;
  /** Who sees it (default: everyone signed in); the API still decides what they may do. */
  visible?: (self: SelfView) => boolean;
}

export const NAV: readonly NavItem[] = [
  {
    group: 'Observe',
    path: '/dashboard',
    label: 'Dashboard',
    icon: IconChartBar,
    page: lazy(() => import('../features/dashboard/DashboardPage')),
    timeRange: true,
  },
  {
    group: 'Observe',
    path: '/logs',
    label: 'Logs',
    icon: IconListDetails,
    page: lazy(() => import('../features/logs/LogsPage')),
    timeRange: true,
  },
  {
    group: 'Build',
    path: '/playground',
    label: 'Playground',
    icon: IconMessageChatbot,
    page: lazy(() => import('../features/playground/PlaygroundPage')),
  },
  {
    group: 'Build',
    path: '/configs',
    label: 'Configs',
    icon: IconSettingsCode,
    page: lazy(() => import('../features/configs/ConfigsPage')),
  },
  {
    group: 'Govern',
    path: '/api-keys',
    label: 'API keys',
    icon: IconKey,
    page: lazy(() => import('../features/api-keys/ApiKeysPage')),
  },
  {
    group: 'Govern',
    path: '/catalog',
    label: 'Model catalog',
    icon: IconServer,
    page: lazy(() => import('../features/catalog/CatalogPage')),
  },
  {
    group: 'Govern',
    path: '/limits',
    label: 'Budgets and limits',
    icon: IconWallet,
    page: lazy(() => import('../features/limits/BudgetsPage')),
  },
  {
    group: 'Govern',
    path: '/policies',
    label: 'Policies',
    icon: IconScale,
    page: lazy(() => import('../features/limits/PoliciesPage')),
  },
  {
    group: 'Organisation',
    path: '/workspaces',
    label: 'Workspaces',
    icon: IconLayoutGrid,
    page: lazy(() => import('../features/workspaces/WorkspacesPage')),
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/members',
    label: 'Members and invites',
    icon: IconUsersGroup,
    page: lazy(() => import('../features/members/MembersPage')),
  },
  {
    group: 'Organisation',
    path: '/users',
    label: 'Users',
    icon: IconUsers,
    page: lazy(() => import('../features/users/UsersPage')),
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/security',
    label: 'Security settings',
    icon: IconShieldLock,
    page: lazy(() => import('../features/settings/SecuritySettingsPage')),
  },
  {
    group: 'Organisation',
    path: '/audit',
    label: 'Audit log',
    icon: IconHistory,
    page: lazy(() => import('../features/audit/AuditLogPage')),
    timeRange: true,
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/pricing',
    label: 'Pricing',
    icon: IconCoin,
    page: lazy(() => import('../features/pricing/PricingPage')),
    timeRange: true,
    visible: orgAdmin,
  },
];

/** Pages outside the nav (first-run setup), with their titles for the top bar. */
export const OTHER_PAGES: Record<string, { title: string; icon: NavItem['icon'] }> = {
  '/welcome': { title: 'Set up the appliance', icon: IconFileDescription },
};

export function navItemFor(pathname: string): NavItem | undefined {
  return NAV.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
}
