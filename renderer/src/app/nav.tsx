// The navigation table: every page of the console, in the groups admins think in. The router and
// the left nav are both built from it, so a new page is one entry here plus its feature folder.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { IconChartBar, IconFileDescription, IconKey, IconListDetails, IconSettingsCode } from '@tabler/icons-react';
import type { SelfView } from '../api/types';

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
];

/** Pages outside the nav (first-run setup), with their titles for the top bar. */
export const OTHER_PAGES: Record<string, { title: string; icon: NavItem['icon'] }> = {
  '/welcome': { title: 'Set up the appliance', icon: IconFileDescription },
};

export function navItemFor(pathname: string): NavItem | undefined {
  return NAV.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
}
