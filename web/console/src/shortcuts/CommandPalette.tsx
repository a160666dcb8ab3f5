import DarkModeIcon from '@mui/icons-material/DarkMode';
import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
import LogoutIcon from '@mui/icons-material/Logout';
import SearchIcon from '@mui/icons-material/Search';
import TranslateIcon from '@mui/icons-material/Translate';
import {
  Dialog,
  InputAdornment,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { type ComponentType, useEffect, useMemo, useRef, useState } from 'react';
import { useLocaleState, useLogout, useTheme, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/http.ts';
import { useResourceList } from '../api/use-resources.ts';
import { useSession } from '../api/use-session.ts';
import { labelOf } from '../i18n/labels.ts';
import { LOCALES } from '../registry/i18n-provider.ts';
import {
  isScannerOnly,
  navigationFor,
  useImportableModules,
  useNotificationsAvailable,
} from '../registry/navigation.ts';

interface Command {
  key: string;
  label: string;
  /** What the entry is (a record's list: "Students"), under its label. */
  secondary?: string;
  icon: ComponentType;
  run: () => void;
}

/** A record `GET /api/resources/find` found by name or code. */
interface FoundRecord {
  resource: string;
  label: string;
  id: string;
  title: string;
  detail: string[];
}

/** Records whose name or code holds the words typed (two letters at least), as the person types. */
function useFoundRecords(query: string, enabled: boolean): FoundRecord[] {
  const [found, setFound] = useState<FoundRecord[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!enabled || q.length < 2) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<FoundRecord[]>(`/api/resources/find?q=${encodeURIComponent(q)}`).then(
        (records) => current && setFound(records),
        () => current && setFound([]),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, enabled]);
  return found;
}

/** Ctrl/Cmd-K: type to jump to any screen, resource or record (by name or code), or run a command. */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const _navigate = useNavigate();
  const session = useSession();
  const scannerOnly = isScannerOnly(session);
  const [query, setQuery] = useState('');
  const opener = useRef<HTMLElement | null>(null);
  // Remembered as it opens (before its field takes the focus), handed back once it has gone.
  if (open && opener.current === null && document.activeElement instanceof HTMLElement)
    opener.current = document.activeElement;
  const [active, setActive] = useState(0);

  const commands = useCommands(session, scannerOnly);
  const records = useRecordCommands(query, open && !!session && !scannerOnly);
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? [...commands.filter((c) => c.label.toLowerCase().includes(needle)), ...records]
    : commands;
  const close = () => {
    setQuery('');
    setActive(0);
    onClose();
  };
  const run = (command: Command | undefined) => {
    if (!command) return;
    close();
    command.run();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      // MUI's trap may run its open effect twice; its restore in between puts the focus back on
      // the field typed in before Ctrl+K (the desk's scan input) and the typing after it is lost.
      // The field that had the focus gets it back once the palette has gone instead.
      disableRestoreFocus
      slotProps={{
        paper: { sx: { alignSelf: 'flex-start', mt: { xs: 2, sm: 10 } } },
        transition: {
          onExited: () => {
            opener.current?.focus();
            opener.current = null;
          },
        },
      }}
      aria-label={translate('od.shortcuts.palette')}
    >
      <PaletteSearch
        query={query}
        onQuery={(next) => {
          setQuery(next);
          setActive(0);
        }}
        onMove={(step) =>
          setActive((i) => (step > 0 ? Math.min(i + 1, shown.length - 1) : Math.max(i - 1, 0)))
        }
        onEnter={() => run(shown[active])}
      />
      <PaletteResults shown={shown} active={active} onActive={setActive} onRun={run} />
    </Dialog>
  );
}

/** Every screen this session may open, then the theme, each language and signing out. */
function useCommands(session: ReturnType<typeof useSession>, scannerOnly: boolean): Command[] {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [, setLocale] = useLocaleState();
  const [theme, setTheme] = useTheme();
  const logout = useLogout();
  const resources = useResourceList(!!session && !scannerOnly);
  const notifications = useNotificationsAvailable(!!session && !scannerOnly);
  const importable = useImportableModules(!!session?.permissions.includes('imports.run.create'));
  return useMemo<Command[]>(() => {
    const nav = navigationFor(session, resources, notifications, importable).map((item) => ({
      key: item.key,
      label: labelOf(translate, item.label),
      icon: item.icon,
      run: () => (item.external ? window.location.assign(item.to) : navigate(item.to)),
    }));
    const extra: Command[] = [
      {
        key: 'theme',
        label: translate('od.shortcuts.cmd_theme'),
        icon: DarkModeIcon,
        run: () => setTheme(theme === 'dark' ? 'light' : 'dark'),
      },
      ...LOCALES.map((l) => ({
        key: `locale:${l.locale}`,
        label: translate('od.shortcuts.cmd_language', { name: l.name }),
        icon: TranslateIcon,
        run: () => setLocale(l.locale),
      })),
      { key: 'logout', label: translate('od.shortcuts.cmd_logout'), icon: LogoutIcon, run: () => logout() },
    ];
    return [...nav, ...extra];
  }, [
    session,
    resources,
    notifications,
    importable,
    translate,
    navigate,
    setTheme,
    theme,
    setLocale,
    logout,
  ]);
}

/** The records found for the words typed, each opening its page. */
function useRecordCommands(query: string, enabled: boolean): Command[] {
  const translate = useTranslate();
  const navigate = useNavigate();
  return useFoundRecords(query, enabled).map<Command>((r) => ({
    key: `record:${r.resource}:${r.id}`,
    label: [r.title, ...r.detail].join(' · '),
    secondary: labelOf(translate, r.label),
    icon: DescriptionOutlinedIcon,
    run: () => navigate(`/${r.resource}/${encodeURIComponent(r.id)}/show`),
  }));
}

interface PaletteResultsProps {
  shown: Command[];
  /** The entry Enter runs, moved by the arrows and the pointer. */
  active: number;
  onActive: (index: number) => void;
  onRun: (command: Command) => void;
}

/** The entries matching what is typed, as a listbox; the words "nothing found" when none does. */
function PaletteResults({ shown, active, onActive, onRun }: PaletteResultsProps) {
  const translate = useTranslate();
  // A listbox is named like any input (axe `aria-input-field-name`).
  return (
    <List
      dense
      sx={{ maxHeight: 360, overflow: 'auto' }}
      role="listbox"
      aria-label={translate('od.shortcuts.palette_results')}
    >
      {shown.map((c, i) => (
        <ListItemButton
          key={c.key}
          selected={i === active}
          onMouseEnter={() => onActive(i)}
          onClick={() => onRun(c)}
          role="option"
          aria-selected={i === active}
        >
          <ListItemIcon sx={{ minWidth: 36 }}>
            <c.icon />
          </ListItemIcon>
          <ListItemText primary={c.label} secondary={c.secondary} />
        </ListItemButton>
      ))}
      {!shown.length && (
        <Typography sx={{ p: 2 }} color="text.secondary">
          {translate('od.shortcuts.palette_empty')}
        </Typography>
      )}
    </List>
  );
}

interface PaletteSearchProps {
  query: string;
  onQuery: (query: string) => void;
  /** The arrows move the active entry up (-1) or down (+1). */
  onMove: (step: 1 | -1) => void;
  onEnter: () => void;
}

/** What is typed: the arrows move through the entries, Enter runs the active one. */
function PaletteSearch({ query, onQuery, onMove, onEnter }: PaletteSearchProps) {
  const translate = useTranslate();
  const keys: Record<string, () => void> = {
    ArrowDown: () => onMove(1),
    ArrowUp: () => onMove(-1),
    Enter: onEnter,
  };
  return (
    <TextField
      autoFocus
      fullWidth
      value={query}
      placeholder={translate('od.shortcuts.palette_placeholder')}
      onChange={(e) => onQuery(e.target.value)}
      onKeyDown={(e) => {
        const act = keys[e.key];
        if (!act) return;
        e.preventDefault();
        act();
      }}
      slotProps={{
        htmlInput: { 'data-testid': 'palette-input', 'aria-label': translate('od.shortcuts.palette') },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
        },
      }}
      sx={{ '& fieldset': { border: 'none' }, borderBottom: 1, borderColor: 'divider' }}
    />
  );
}
