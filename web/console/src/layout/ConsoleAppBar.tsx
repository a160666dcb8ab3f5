import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import BusinessIcon from '@mui/icons-material/Business';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import LockResetIcon from '@mui/icons-material/LockReset';
import SearchIcon from '@mui/icons-material/Search';
import {
  Box,
  Button,
  IconButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AppBar,
  LocalesMenuButton,
  Logout,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
  useNotify,
  useTranslate,
  useUserMenu,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { forgetResourceMeta } from '../api/resource-meta.ts';
import { switchOrganization } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';
import { openCommandPalette, openShortcutHelp } from '../shortcuts/shortcut-events.ts';

function PasswordMenuItem() {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to="/account/password" onClick={() => menu?.onClose()}>
      <ListItemIcon>
        <LockResetIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('od.menu.password')}</ListItemText>
    </MenuItem>
  );
}

/**
 * The organization worked in, and the others this person belongs to: choosing one moves the
 * session there (`/api/auth/switch-org`) and reloads the console, whose menu follows its modules.
 */
function OrganizationSwitcher() {
  const session = useSession();
  const notify = useNotify();
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (!session || session.organizations.length < 2) return null;
  const current = session.organization;
  return (
    <>
      <Button
        color="inherit"
        size="small"
        startIcon={<BusinessIcon />}
        endIcon={<ArrowDropDownIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-label={translate('od.account.organization', { name: current.name })}
        data-testid="org-switcher"
        sx={{ textTransform: 'none', mr: 1, maxWidth: { xs: 56, sm: 260 } }}
      >
        <Typography
          component="span"
          variant="button"
          noWrap
          sx={{ display: { xs: 'none', sm: 'inline' }, textTransform: 'none' }}
        >
          {current.name}
        </Typography>
      </Button>
      {/* An ARIA menu holds only its items (axe): its heading is the list's label. */}
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-label': translate('od.account.switch_org') } }}
      >
        {session.organizations.map((org) => (
          <MenuItem
            key={org.id}
            selected={org.id === current.id}
            data-org={org.slug}
            onClick={async () => {
              setAnchor(null);
              if (org.id === current.id) return;
              try {
                await switchOrganization(org.id);
                forgetResourceMeta();
                window.location.assign(`${import.meta.env.BASE_URL}`);
              } catch (err) {
                notify((err as Error).message, { type: 'error' });
              }
            }}
          >
            <ListItemIcon>
              <BusinessIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText primary={org.name} secondary={translate(`od.roles.${org.role}`)} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

function IdentityHeader() {
  const session = useSession();
  const translate = useTranslate();
  if (!session) return null;
  // Plain <div>s: an ARIA menu may hold only its items, and a heading or paragraph inside it breaks
  // that (axe `aria-required-children`); text without a role is read as the menu's content.
  return (
    <Box sx={{ px: 2, py: 1, maxWidth: 280 }}>
      <Typography component="div" variant="subtitle2" noWrap>
        {session.user.name}
      </Typography>
      <Typography component="div" variant="body2" color="text.secondary" noWrap>
        {session.user.email}
      </Typography>
      <Typography component="div" variant="caption" color="text.secondary">
        {session.organization.name} ·{' '}
        {translate('od.account.role', { role: translate(`od.roles.${session.role}`) })}
      </Typography>
    </Box>
  );
}

const TITLE_THAT_WRAPS = {
  whiteSpace: 'normal',
  overflow: 'visible',
  textOverflow: 'clip',
  overflowWrap: 'break-word',
  minWidth: 0,
  py: 0.5,
  fontSize: { xs: '0.95rem', sm: '1.25rem' },
  lineHeight: { xs: 1.15, sm: 1.3 },
} as const;

/** Top bar: palette launcher, language, theme, and the account menu (org switch, password, sign-out). */
export function ConsoleAppBar() {
  const translate = useTranslate();
  const session = useSession();
  // The button shows the user's name: its spoken name says it too (WCAG 2.5.3, label in name).
  const name = session ? session.user.name || session.user.email : '';
  return (
    <AppBar
      userMenu={
        <UserMenu label={session ? translate('od.account.menu', { name }) : undefined}>
          <IdentityHeader />
          <PasswordMenuItem />
          <Logout />
        </UserMenu>
      }
      toolbar={
        <>
          <OrganizationSwitcher />
          <Button
            onClick={openCommandPalette}
            startIcon={<SearchIcon />}
            color="inherit"
            size="small"
            sx={{ display: { xs: 'none', sm: 'inline-flex' }, textTransform: 'none', mr: 1 }}
            // The spoken name holds the visible "Ctrl K", so voice control finds the button by what it shows.
            aria-label={`${translate('od.shortcuts.palette')}: Ctrl K`}
          >
            Ctrl K
          </Button>
          <Tooltip title={translate('od.shortcuts.title')}>
            <IconButton
              color="inherit"
              onClick={openShortcutHelp}
              sx={{ display: { xs: 'none', sm: 'inline-flex' } }}
            >
              <KeyboardIcon />
            </IconButton>
          </Tooltip>
          <IconButton
            color="inherit"
            onClick={openCommandPalette}
            sx={{ display: { xs: 'inline-flex', sm: 'none' } }}
            aria-label={translate('od.shortcuts.palette')}
          >
            <SearchIcon />
          </IconButton>
          {/* On phones the language lives in the command palette; the bar keeps room for the title. */}
          <Box sx={{ display: { xs: 'none', sm: 'inline-flex' } }}>
            <LocalesMenuButton />
          </Box>
          <ToggleThemeButton />
        </>
      }
    >
      {/* The page's title wraps onto a second line (smaller on a phone) instead of being cut where the
          bar's buttons begin: "Payments to r" at 375 px (issue 66 item 6). */}
      <TitlePortal sx={TITLE_THAT_WRAPS} />
    </AppBar>
  );
}
