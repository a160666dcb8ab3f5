/** The browser apps' one translation step: `{name}` placeholders of a catalog's message filled in. */
export function interpolate(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/**
 * Words a page's static labels in its current language: an element's `data-i18n` key gives its text,
 * an input's `data-i18n-placeholder` its placeholder. Run again when the language changes.
 */
export function relabel(root: ParentNode, word: (key: string) => string): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = word(el.dataset.i18n ?? '');
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = word(el.dataset.i18nPlaceholder ?? '');
}
