// The navigation table: every page of the console, in the groups admins think in. The router and
// the left nav are both built from it, so a new page is one entry here plus its feature folder.
import { lazy, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import {
  IconChartBar,
  IconCoin,
  IconDatabaseExport,
  IconFileDescription,
  IconHistory,
  IconKey,
  IconLayoutGrid,
  IconListDetails,
  IconMessageChatbot,
  IconServer,
  IconSettingsCode,
  IconShieldCheck,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
  IconWallet,
  IconScale,
  IconWorldOff,
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
  page: LazyPage;
  /** Shows the global time-range picker in the top bar. */
  timeRange?: boolean;
  /** Who sees it (default: everyone signed in); the API still decides what they may do. */
  visible?: (self: SelfView) => boolean;
}

/** A page loaded on first use, which can also be fetched ahead (the page a visit starts on). */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown>; isLoaded: () => boolean };

// Once the page's code is here (fetched ahead with the session check), React gets it at once
// through a thenable that answers synchronously: an already-settled promise would still suspend the
// first render.
function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: PageModule | undefined;
  let loading: Promise<PageModule> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    ));
  const now = (module: PageModule) => ({ then: (resolve: (m: PageModule) => void) => resolve(module) }) as Promise<PageModule>;
  return Object.assign(
    lazy(() => (loaded ? now(loaded) : preload())),
    { preload, isLoaded: () => loaded !== undefined },
  );
}

type PageModule = { default: ComponentType };

export const NAV: readonly NavItem[] = [
  {
    group: 'Observe',
    path: '/dashboard',
    label: 'Dashboard',
    icon: IconChartBar,
    page: lazyPage(() => import('../features/dashboard/DashboardPage')),
    timeRange: true,
  },
  {
    group: 'Observe',
    path: '/logs',
    label: 'Logs',
    icon: IconListDetails,
    page: lazyPage(() => import('../features/logs/LogsPage')),
    timeRange: true,
  },
  {
    group: 'Build',
    path: '/playground',
    label: 'Playground',
    icon: IconMessageChatbot,
    page: lazyPage(() => import('../features/playground/PlaygroundPage')),
  },
  {
    group: 'Build',
    path: '/configs',
    label: 'Configs',
    icon: IconSettingsCode,
    page: lazyPage(() => import('../features/configs/ConfigsPage')),
  },
  {
    group: 'Build',
    path: '/guardrails',
    label: 'Guardrails',
    icon: IconShieldCheck,
    page: lazyPage(() => import('../features/guardrails/GuardrailsPage')),
  },
  {
    group: 'Govern',
    path: '/api-keys',
    label: 'API keys',
    icon: IconKey,
    page: lazyPage(() => import('../features/api-keys/ApiKeysPage')),
  },
  {
    group: 'Govern',
    path: '/catalog',
    label: 'Model catalog',
    icon: IconServer,
    page: lazyPage(() => import('../features/catalog/CatalogPage')),
  },
  {
    group: 'Govern',
    path: '/limits',
    label: 'Budgets and limits',
    icon: IconWallet,
    page: lazyPage(() => import('../features/limits/BudgetsPage')),
  },
  {
    group: 'Govern',
    path: '/policies',
    label: 'Policies',
    icon: IconScale,
    page: lazyPage(() => import('../features/limits/PoliciesPage')),
  },
  {
    group: 'Organisation',
    path: '/workspaces',
    label: 'Workspaces',
    icon: IconLayoutGrid,
    page: lazyPage(() => import('../features/workspaces/WorkspacesPage')),
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/members',
    label: 'Members and invites',
    icon: IconUsersGroup,
    page: lazyPage(() => import('../features/members/MembersPage')),
  },
  {
    group: 'Organisation',
    path: '/users',
    label: 'Users',
    icon: IconUsers,
    page: lazyPage(() => import('../features/users/UsersPage')),
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/security',
    label: 'Security settings',
    icon: IconShieldLock,
    page: lazyPage(() => import('../features/settings/SecuritySettingsPage')),
  },
  {
    group: 'Organisation',
    path: '/audit',
    label: 'Audit log',
    icon: IconHistory,
    page: lazyPage(() => import('../features/audit/AuditLogPage')),
    timeRange: true,
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/air-gap',
    label: 'Air gap',
    icon: IconWorldOff,
    page: lazyPage(() => import('../features/airgap/AirGapPage')),
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/backups',
    label: 'Backups',
    icon: IconDatabaseExport,
    page: lazyPage(() => import('../features/backups/BackupsPage')),
    visible: orgAdmin,
  },
  {
    group: 'Organisation',
    path: '/pricing',
    label: 'Pricing',
    icon: IconCoin,
    page: lazyPage(() => import('../features/pricing/PricingPage')),
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

/**
 * Starts loading the code of the page a visit opens on (`/` usually leads to the dashboard) while
 * the session is still being checked, so the page's code and its data are not two steps apart.
 */
export function preloadEntryPage(pathname: string): void {
  const item = pathname === '/' ? NAV[0] : navItemFor(pathname);
  void item?.page.preload().catch(() => undefined);
}

/**
 * Whether the code of the page at this path is here (or failed to come, which the page's error
 * boundary then shows). While it loads, the shell shows its own spinner instead of letting the page
 * suspend: React holds a suspended boundary's content back for about 300 ms after its fallback.
 */
export function usePageCode(pathname: string): boolean {
  const page = navItemFor(pathname)?.page;
  const [failed, setFailed] = useState<LazyPage | null>(null);
  const [, setArrived] = useState(0);
  const ready = !page || page.isLoaded() || failed === page;
  useEffect(() => {
    if (ready || !page) return;
    let live = true;
    page.preload().then(
      () => live && setArrived((n) => n + 1),
      () => live && setFailed(page),
    );
    return () => {
      live = false;
    };
  }, [page, ready]);
  return ready;
}
