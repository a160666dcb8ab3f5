/** Open the palette or the cheat-sheet from anywhere (buttons, menus) without prop drilling. */
const target = new EventTarget();

export const openCommandPalette = () => target.dispatchEvent(new Event('palette'));
export const openShortcutHelp = () => target.dispatchEvent(new Event('help'));

export function onShortcutEvent(name: 'palette' | 'help', listener: () => void): () => void {
  target.addEventListener(name, listener);
  return () => target.removeEventListener(name, listener);
}
