import DashboardIcon from '@mui/icons-material/Dashboard';
import HistoryIcon from '@mui/icons-material/History';
import KeyIcon from '@mui/icons-material/Key';
import NotificationsIcon from '@mui/icons-material/NotificationsNone';
import PeopleIcon from '@mui/icons-material/People';
import QrCodeScannerIcon from '@mui/icons-material/QrCodeScanner';
import SettingsIcon from '@mui/icons-material/Settings';
import TableRowsIcon from '@mui/icons-material/TableRows';
import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { api } from '../api/http.ts';
import type { Session } from '../api/session.ts';
import { consolePagesFor } from '../extensions/registry.ts';
import type { ResourceMeta } from '../resources/resource-meta.ts';

/** One place to go: a menu entry, a palette entry, maybe a `g`-shortcut. */
export interface NavItem {
  key: string;
  to: string;
  /** i18n key (or, for resources, the server's label key). */
  label: string;
  icon: ComponentType;
  group: 'main' | 'records' | 'modules' | 'platform';
  /** A full page load outside the console (the scanner is its own app). */
  external?: boolean;
}

/** Scanner staff see one thing: the scanner app, built separately at `/scanner/`. */
export const isScannerOnly = (session: Session | null | undefined) => session?.role === 'scanner';

/** Everything the session may open, in menu order. */
export function navigationFor(
  session: Session | null | undefined,
  resources: ResourceMeta[],
  notificationsAvailable: boolean,
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
  const has = (p: string) => session.permissions.includes(p);
  const items: NavItem[] = [
    { key: 'dashboard', to: '/', label: 'od.menu.dashboard', icon: DashboardIcon, group: 'main' },
  ];
  if (session.permissions.some((p) => p.endsWith('.scan'))) items.push(scanner);
  for (const r of resources) {
    items.push({
      key: `resource:${r.name}`,
      to: `/${r.name}`,
      label: r.label,
      icon: TableRowsIcon,
      group: 'records',
    });
  }
  for (const page of consolePagesFor(session)) {
    if (page.hidden) continue;
    items.push({
      key: `page:${page.path}`,
      to: page.path,
      label: page.label,
      icon: page.icon ?? TableRowsIcon,
      group: 'modules',
    });
  }
  if (has('platform.user.read'))
    items.push({ key: 'users', to: '/users', label: 'od.menu.users', icon: PeopleIcon, group: 'platform' });
  if (has('platform.token.manage'))
    items.push({ key: 'tokens', to: '/tokens', label: 'od.menu.tokens', icon: KeyIcon, group: 'platform' });
  if (has('platform.job.read'))
    items.push({ key: 'jobs', to: '/jobs', label: 'od.menu.jobs', icon: WorkHistoryIcon, group: 'platform' });
  if (has('platform.audit.read'))
    items.push({ key: 'audit', to: '/audit', label: 'od.menu.audit', icon: HistoryIcon, group: 'platform' });
  if (notificationsAvailable && has('notifications.message.read'))
    items.push({
      key: 'notifications',
      to: '/notifications',
      label: 'od.menu.notifications',
      icon: NotificationsIcon,
      group: 'platform',
    });
  if (has('platform.settings.read'))
    items.push({
      key: 'settings',
      to: '/settings',
      label: 'od.menu.settings',
      icon: SettingsIcon,
      group: 'platform',
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
        await api('/api/notifications?limit=1');
        return true;
      } catch {
        return false;
      }
    },
  });
  return data ?? false;
}
