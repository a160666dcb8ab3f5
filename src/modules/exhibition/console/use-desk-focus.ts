import { type RefObject, useLayoutEffect } from 'react';

/**
 * The focus always comes back to the screen's one input (`primary`): after a request, a click
 * elsewhere, a tab-out. A barcode scanner types into whatever has the focus, so the input takes it in
 * the same commit that shows it (a layout effect), before the first key can arrive.
 */
export function useDeskFocus(
  primary: () => HTMLElement | null,
  busy: boolean,
  rootRef: RefObject<HTMLElement | null>,
): void {
  useLayoutEffect(() => {
    primary()?.focus();
    const refocus = () =>
      setTimeout(() => {
        const active = document.activeElement;
        // A dialog over the desk (Ctrl+K's palette, the shortcut help) keeps the keyboard until it
        // closes, and then hands the focus back itself: pulling it away would send its typing here.
        if (document.querySelector('[role="dialog"]')) return;
        if (!active || active === document.body || !rootRef.current?.contains(active)) primary()?.focus();
      }, 0);
    document.addEventListener('focusout', refocus);
    document.addEventListener('click', refocus);
    return () => {
      document.removeEventListener('focusout', refocus);
      document.removeEventListener('click', refocus);
    };
  }, [primary, rootRef]);
  useLayoutEffect(() => {
    if (!busy) primary()?.focus();
  }, [busy, primary]);
}
