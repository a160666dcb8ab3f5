import { Divider, ListItemButton, ListItemIcon, ListItemText, ListSubheader } from '@mui/material';
import { Fragment } from 'react';
import { Menu, useSidebarState, useStore, useTranslate } from 'react-admin';
import { useResourceList } from '../api/use-resources.ts';
import { useSession } from '../api/use-session.ts';
import { labelOf } from '../i18n/labels.ts';
import {
  isScannerOnly,
  type NavItem,
  navigationFor,
  navigationGroups,
  useImportableModules,
  useNotificationsAvailable,
} from '../registry/navigation.ts';

/** A group's heading: none for the main screens, else the module's (or the shared records') name. */
const groupLabel = (group: string) => (group === 'main' ? null : `od.menu.groups.${group}`);

/**
 * The sidebar, built from the session's permissions (a scanner sees only the scanner): the day's
 * screens of each module the organization runs, then the records every business shares.
 */
export function ConsoleMenu() {
  const session = useSession();
  const translate = useTranslate();
  const [open] = useSidebarState();
  const scannerOnly = isScannerOnly(session);
  const resources = useResourceList(!!session && !scannerOnly);
  const notifications = useNotificationsAvailable(!!session && !scannerOnly);
  const importable = useImportableModules(!!session?.permissions.includes('imports.run.create'));
  const items = navigationFor(session, resources, notifications, importable);
  return (
    // A long label ("Exhibition customers", "Demandes de compteur") wraps onto a second line
    // instead of being cut to "Exhibition custom…".
    <Menu
      sx={{
        pt: 1,
        '& .RaMenuItemLink-root .MuiTypography-noWrap': { whiteSpace: 'normal', lineHeight: 1.3 },
      }}
    >
      {navigationGroups(session).map((group) => {
        const label = groupLabel(group);
        const entries = items.filter((i) => i.group === group);
        if (!entries.length) return null;
        return (
          <Fragment key={group}>
            {label && open ? (
              // Sticky while its group scrolls under it: painted in the sidebar's colour, not see-through.
              // A <div> without a role: the sidebar is an ARIA menu, which may hold only its items (axe).
              <ListSubheader
                component="div"
                role="presentation"
                data-nav-group={group}
                sx={{ bgcolor: 'background.default', lineHeight: '32px', mt: 1, zIndex: 2 }}
              >
                {translate(label, { _: group })}
              </ListSubheader>
            ) : label ? (
              <Divider component="div" role="separator" sx={{ my: 1 }} />
            ) : null}
            {entries.map((item) =>
              item.external ? (
                <ListItemButton key={item.key} component="a" href={item.to} data-nav={item.key}>
                  <ListItemIcon sx={{ minWidth: 40 }}>
                    <item.icon />
                  </ListItemIcon>
                  <ListItemText primary={labelOf(translate, item.label)} />
                </ListItemButton>
              ) : item.listOf ? (
                <ListMenuItem
                  key={item.key}
                  item={item}
                  resource={item.listOf}
                  label={labelOf(translate, item.label)}
                />
              ) : (
                <Menu.Item
                  key={item.key}
                  to={item.to}
                  primaryText={labelOf(translate, item.label)}
                  leftIcon={<item.icon />}
                  data-nav={item.key}
                />
              ),
            )}
          </Fragment>
        );
      })}
    </Menu>
  );
}

/** The list parameters react-admin keeps for a resource (`<resource>.listParams`) once a list was shown. */
interface StoredListParams {
  filter?: object;
  displayedFilters?: object;
  sort?: string;
  order?: string;
  page?: number;
  perPage?: number;
}

/**
 * A resource's list in the menu: it opens in the filters, sort and page it was last left in,
 * in one navigation: linked bare, the list would put them back into the address itself just after
 * opening, and on a slow phone a filter removed in that moment came back with the old rows.
 */
function ListMenuItem({ item, resource, label }: { item: NavItem; resource: string; label: string }) {
  const [stored] = useStore<StoredListParams | undefined>(`${resource}.listParams`);
  return (
    <Menu.Item
      to={{ pathname: item.to, search: stored ? `?${listSearch(stored)}` : '' }}
      primaryText={label}
      leftIcon={<item.icon />}
      data-nav={item.key}
    />
  );
}

/** The address react-admin itself writes for a list's parameters (filters as JSON). */
function listSearch(params: StoredListParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    search.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return search.toString();
}
