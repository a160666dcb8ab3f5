/** The customers' e-mails the desk may reword, and the placeholders each may use. */
export const EDITABLE_MAILS = {
  'exhibition.welcome': ['name', 'exhibition', 'code'],
  'exhibition.statement': ['name', 'exhibition', 'code', 'billCount', 'total', 'paid', 'refunded', 'net'],
  'exhibition.money_returned': ['name', 'exhibition', 'amount', 'bill', 'booth', 'method', 'reason'],
} as const satisfies Record<string, readonly string[]>;

export type EditableMail = keyof typeof EDITABLE_MAILS;
export const EDITABLE_MAIL_KEYS = Object.keys(EDITABLE_MAILS) as EditableMail[];
export const MAIL_LOCALES = ['en', 'es', 'fr', 'hi', 'rw'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** An organization's words for one e-mail in one language: `{{name}}` marks where a value goes. */
export interface MailWording {
  subject: string;
  body: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text names, in order, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The placeholders a text names that the e-mail does not have (a typo, another e-mail's value). */
export function unknownPlaceholders(template: EditableMail, text: string): string[] {
  const known: readonly string[] = EDITABLE_MAILS[template];
  return placeholdersIn(text).filter((p) => !known.includes(p));
}

/**
 * The text with each placeholder replaced by its value. A line naming a value this message does not
 * have (the statement's money line before any money was taken) is left out, as the default words do.
 */
export function fillWording(text: string, values: Record<string, unknown>): string {
  const has = (name: string) => values[name] !== undefined && values[name] !== null;
  return text
    .split('\n')
    .filter((line) => placeholdersIn(line).every(has))
    .map((line) => line.replace(PLACEHOLDER, (_, name: string) => String(values[name])))
    .join('\n');
}
