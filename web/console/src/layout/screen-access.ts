/**
 * Platform pages and the permission that shows each (App.tsx registers them on the same terms).
 * `account` is everyone's.
 */
const PLATFORM_PAGES: Readonly<Record<string, string>> = {
  users: 'platform.user.read',
  tokens: 'platform.token.manage',
  jobs: 'platform.job.read',
  notifications: 'notifications.message.read',
  audit: 'platform.audit.read',
  settings: 'platform.settings.read',
};

/** What the console knows about the screens that exist, for whichever role. */
export interface ScreenCatalog {
  /** The caller's permissions. */
  permissions: ReadonlyArray<string>;
  /** Every generic resource the server declares (`raffle.orders`), readable by the caller or not. */
  declaredResources: ReadonlyArray<string>;
  /** The resources the caller may read. */
  readableResources: ReadonlyArray<string>;
  /** Every page of every console extension (`/raffle/grid`), with the permission that shows it. */
  pages: ReadonlyArray<{ path: string; permission?: string }>;
}

/**
 * Why the console registered no screen at `pathname` for this caller: `no_access` only when a
 * screen by that address exists and the caller's role may not see it; anything else (a typo, a
 * screen the caller could open but not at that sub-address) does not exist. An owner, who may see
 * everything, therefore never reads "you do not have access".
 */
export function unmatchedScreen(pathname: string, catalog: ScreenCatalog): 'no_access' | 'not_found' {
  const path = `/${pathname.replace(/^\/+|\/+$/g, '')}`;
  const first = path.split('/')[1] ?? '';
  const may = (permission?: string) => !permission || catalog.permissions.includes(permission);
  const platform = PLATFORM_PAGES[first];
  if (platform) return may(platform) ? 'not_found' : 'no_access';
  if (catalog.declaredResources.includes(first))
    return catalog.readableResources.includes(first) ? 'not_found' : 'no_access';
  const page = catalog.pages.find((p) => p.path === path);
  return page && !may(page.permission) ? 'no_access' : 'not_found';
}

interface OrganizationModules {
  id: string;
  modules: ReadonlyArray<string>;
}

/**
 * The other organization of this person where a screen belongs (`/mess.students/…`, `/raffle/grid`):
 * one that runs the screen's module when the organization worked in does not. An owner following a
 * link from another of their organizations is told which, not that their role lacks the page.
 */
export function organizationOfScreen<O extends OrganizationModules>(
  pathname: string,
  current: OrganizationModules,
  organizations: ReadonlyArray<O>,
): O | undefined {
  const first = pathname.replace(/^\/+/, '').split('/')[0] ?? '';
  const module = first.split('.')[0];
  if (!module || current.modules.includes(module)) return undefined;
  return organizations.find((o) => o.id !== current.id && o.modules.includes(module));
}
