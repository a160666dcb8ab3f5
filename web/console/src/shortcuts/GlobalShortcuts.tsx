import { useEffect, useRef, useState } from 'react';
import { useTheme } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { CommandPalette } from './CommandPalette.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { onShortcutEvent } from './shortcut-events.ts';

const GO: Record<string, string> = { d: '/', u: '/users', j: '/jobs', a: '/audit', s: '/settings' };

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Keyboard layer of the console: Ctrl/Cmd-K palette, `?` help, `/` search, `g x` navigation, `t` theme. */
export function GlobalShortcuts() {
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  const navigate = useNavigate();
  const [theme, setTheme] = useTheme();
  const pendingG = useRef(0);

  useEffect(() => onShortcutEvent('palette', () => setPalette(true)), []);
  useEffect(() => onShortcutEvent('help', () => setHelp(true)), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette((v) => !v);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (pendingG.current && Date.now() - pendingG.current < 1200 && GO[e.key]) {
        pendingG.current = 0;
        navigate(GO[e.key]!);
        return;
      }
      pendingG.current = 0;
      if (e.key === 'g') pendingG.current = Date.now();
      else if (e.key === '?') setHelp(true);
      else if (e.key === 't') setTheme(theme === 'dark' ? 'light' : 'dark');
      else if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('input[name="q"], input[data-search="true"]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, theme, setTheme]);

  return (
    <>
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </>
  );
}
