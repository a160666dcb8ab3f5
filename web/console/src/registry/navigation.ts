import DashboardIcon from '@mui/icons-material/Dashboard';
import HistoryIcon from '@mui/icons-material/History';
import KeyIcon from '@mui/icons-material/Key';
import NotificationsIcon from '@mui/icons-material/NotificationsNone';
import PeopleIcon from '@mui/icons-material/People';
import QrCodeScannerIcon from '@mui/icons-material/QrCodeScanner';
import SettingsIcon from '@mui/icons-material/Settings';
import TableRowsIcon from '@mui/icons-material/TableRows';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { api } from '../api/http.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';
import type { Session } from '../api/session.ts';
import { consoleExtensions, consolePagesFor } from './registry.ts';

/** One place to go: a menu entry, a palette entry, maybe a `g`-shortcut. */
export interface NavItem {
  key: string;
  to: string;
  /** i18n key (or, for resources, the server's label key). */
  label: string;
  icon: ComponentType;
  /** `main` (dashboard, scanner), a module the organization runs, or `shared` (the records every business keeps). */
  group: string;
  /** A full page load outside the console (the scanner is its own app). */
  external?: boolean;
  /** The resource whose list this item opens, in the filters, sort and page it was last left in. */
  listOf?: string;
}

/**
 * Each module's screens in the order its operator's day goes, as the module declares them (`menu` in its
 * `console/index.ts`); a screen it does not name follows them.
 */
const menuOf = new Map(consoleExtensions.map((e) => [e.name, e.menu ?? []] as const));

/** Where a screen's place in its module's menu is; screens the module does not name keep their order after. */
const menuRank = (module: string, id: string) => {
  const rank = menuOf.get(module)?.indexOf(id) ?? -1;
  return rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
};

/** The module whose console extension declares a page (platform pages: none). */
const pageModule = new Map(
  consoleExtensions.flatMap((e) => (e.pages ?? []).map((p) => [p.path, e.name] as const)),
);

/** Scanner staff see one thing: the scanner app, built separately at `/scanner/`. */
export const isScannerOnly = (session: Session | null | undefined) => session?.role === 'scanner';

/** Menu groups in order: the main screens, each module the organization runs, then the shared records. */
export const navigationGroups = (session: Session | null | undefined): string[] =>
  session ? ['main', ...session.organization.modules, 'shared'] : [];

/** Everything the session may open, in menu order. */
export function navigationFor(
  session: Session | null | undefined,
  resources: ResourceMeta[],
  notificationsAvailable: boolean,
  /** The modules with an import from their original system (`GET /api/imports`). */
  importable: ReadonlyArray<string> = [],
): NavItem[] {
  if (!session) return [];
  const scanner: NavItem = {
    key: 'scanner',
    to: '/scanner/',
    label: 'od.menu.scanner',
    icon: QrCodeScannerIcon,
    group: 'main',
    external: true,
  };
  if (isScannerOnly(session)) return [scanner];
  const items: NavItem[] = [
    { key: 'dashboard', to: '/', label: 'od.menu.dashboard', icon: DashboardIcon, group: 'main' },
  ];
  if (session.permissions.some((p) => p.endsWith('.scan'))) items.push(scanner);
  items.push(...areaScreens(session, resources, importable));
  items.push(...platformScreens(session, notificationsAvailable));
  return items;
}

/**
 * The resources and pages of the organization's modules, each module's in its day's order with its
 * import last, then the records every business shares.
 */
function areaScreens(
  session: Session,
  resources: ResourceMeta[],
  importable: ReadonlyArray<string>,
): NavItem[] {
  const has = (p: string) => session.permissions.includes(p);
  const modules = session.organization.modules;
  const moduleOf = (id: string) => modules.find((m) => id === m || id.startsWith(`${m}.`));
  const screens: Array<NavItem & { rank: number }> = [];
  for (const r of resources) {
    const module = moduleOf(r.name);
    screens.push({
      key: `resource:${r.name}`,
      to: `/${r.name}`,
      listOf: r.name,
      label: r.label,
      icon: TableRowsIcon,
      group: module ?? 'shared',
      rank: module ? menuRank(module, r.name) : Number.MAX_SAFE_INTEGER,
    });
  }
  for (const page of consolePagesFor(session)) {
    if (page.hidden) continue;
    const area = pageModule.get(page.path);
    const module = area ? moduleOf(area) : undefined;
    screens.push({
      key: `page:${page.path}`,
      to: page.path,
      label: page.label,
      icon: page.icon ?? TableRowsIcon,
      group: module ?? 'shared',
      rank: module ? menuRank(module, page.path) : Number.MAX_SAFE_INTEGER,
    });
  }
  // A module that brings records over from the system it replaces: its import, last of its group.
  if (has('imports.run.create'))
    for (const module of importable.filter((m) => modules.includes(m)))
      screens.push({
        key: `import:${module}`,
        to: `/imports/${module}`,
        label: 'imports.menu',
        icon: UploadFileIcon,
        group: module,
        rank: Number.MAX_SAFE_INTEGER,
      });
  // The organization's modules, each in its day's order; then the records every business shares.
  return [...modules, 'shared'].flatMap((group) =>
    screens
      .filter((i) => i.group === group)
      .sort((a, b) => a.rank - b.rank)
      .map(({ rank: _, ...item }) => item),
  );
}

/** The platform's own screens, in the shared group: users, tokens, jobs, audit, notifications, settings. */
function platformScreens(session: Session, notificationsAvailable: boolean): NavItem[] {
  const has = (p: string) => session.permissions.includes(p);
  const items: NavItem[] = [];
  if (has('platform.user.read'))
    items.push({ key: 'users', to: '/users', label: 'od.menu.users', icon: PeopleIcon, group: 'shared' });
  if (has('platform.token.manage'))
    items.push({ key: 'tokens', to: '/tokens', label: 'od.menu.tokens', icon: KeyIcon, group: 'shared' });
  if (has('platform.job.read'))
    items.push({ key: 'jobs', to: '/jobs', label: 'od.menu.jobs', icon: WorkHistoryIcon, group: 'shared' });
  if (has('platform.audit.read'))
    items.push({ key: 'audit', to: '/audit', label: 'od.menu.audit', icon: HistoryIcon, group: 'shared' });
  if (notificationsAvailable && has('notifications.message.read'))
    items.push({
      key: 'notifications',
      to: '/notifications',
      label: 'od.menu.notifications',
      icon: NotificationsIcon,
      group: 'shared',
    });
  if (has('platform.settings.read'))
    items.push({
      key: 'settings',
      to: '/settings',
      label: 'od.menu.settings',
      icon: SettingsIcon,
      group: 'shared',
    });
  return items;
}

/** Whether the server has the notification delivery log (`GET /api/notifications` answers). */
export function useNotificationsAvailable(enabled: boolean): boolean {
  const { data } = useQuery({
    queryKey: ['opsdesk', 'notifications-probe'],
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: async () => {
      try {
        await api('/api/notifications?perPage=1');
        return true;
      } catch {
        return false;
      }
    },
  });
  return data ?? false;
}

const NO_MODULES: string[] = [];

/** The modules of the organization with an import from their original system (none without the permission). */
export function useImportableModules(enabled: boolean): string[] {
  const { data } = useQuery({
    queryKey: ['opsdesk', 'imports'],
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: () => api<{ modules: Array<{ module: string }> }>('/api/imports'),
    // The same list from one fetch to the next: the menu is not rebuilt on every render.
    select: (d) => d.modules.map((m) => m.module),
  });
  return data ?? NO_MODULES;
}
