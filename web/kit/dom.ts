/** A tiny element builder: text is always set as text, never parsed as HTML. */
type Child = Node | string | number | false | null | undefined;

export function h(
  tag: string,
  attrs: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: Child[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces the children of `parent`. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The sign-in form both pages share (`login-form`): e-mail, password, and an optional organization. */
export function onLoginSubmit(
  login: (input: { email: string; password: string; org?: string }) => void,
): void {
  byId<HTMLFormElement>('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const org = byId<HTMLInputElement>('login-org').value.trim();
    login({
      email: byId<HTMLInputElement>('login-email').value.trim(),
      password: byId<HTMLInputElement>('login-password').value,
      ...(org ? { org } : {}),
    });
  });
}

/**
 * The typed-code form (`typed-form`): hands over the trimmed text and clears the field. A hardware
 * (keyboard-wedge) scanner types the whole pass followed by Enter into this field.
 */
export function onTypedSubmit(inputId: string, use: (text: string) => void): void {
  byId<HTMLFormElement>('typed-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>(inputId);
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    use(text);
  });
}
