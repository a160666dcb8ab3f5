import type { Session } from '../api/session.ts';
import type {
  ConsoleExtension,
  ConsoleLocale,
  ConsolePage,
  DashboardCard,
  Messages,
  RecordPanel,
} from '../extensions/console-extension.ts';
import { asPolyglot } from '../i18n/server-messages.ts';
import { contactsExtension } from '../pages/contacts/contacts-extension.ts';
import { platformExtension } from '../pages/dashboard/platform-cards.ts';
import { importsExtension } from '../pages/imports/imports-extension.ts';
import { paymentWordsExtension } from '../pages/payments/payment-words-extension.ts';
import { paymentsExtension } from '../pages/payments/payments-extension.ts';
import { refundsExtension } from '../pages/payments/refunds-extension.ts';
import { retentionExtension } from '../pages/retention/retention-extension.ts';
import { sandboxExtension } from '../pages/sandbox/sandbox-extension.ts';
import { simulatorExtension } from '../pages/simulator/simulator-extension.ts';

/**
 * Every module folder with a `console/index.ts(x)` is part of the console: Vite collects them at
 * build time, so adding a module adds its words and screens without an edit here. A module whose
 * server side is not enabled shows nothing, since its pages and cards need its permissions.
 */
const moduleExtensions = Object.entries(
  import.meta.glob<ConsoleExtension>('../../../../src/modules/*/console/index.{ts,tsx}', {
    eager: true,
    import: 'default',
  }),
)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, extension]) => extension);

/** The platform's own extensions first, then the modules' in folder order. */
export const consoleExtensions: ReadonlyArray<ConsoleExtension> = [
  platformExtension,
  simulatorExtension,
  paymentsExtension,
  refundsExtension,
  paymentWordsExtension,
  contactsExtension,
  retentionExtension,
  sandboxExtension,
  importsExtension,
  ...moduleExtensions,
];

const allowed = (session: Session | null | undefined, permission?: string) =>
  !permission || !!session?.permissions.includes(permission);

export function dashboardCardsFor(session: Session | null | undefined): DashboardCard[] {
  return consoleExtensions
    .flatMap((e) => e.cards ?? [])
    .filter((c) => allowed(session, c.permission))
    .sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
}

export function consolePagesFor(session: Session | null | undefined): ConsolePage[] {
  return consoleExtensions.flatMap((e) => e.pages ?? []).filter((p) => allowed(session, p.permission));
}

/** The modules' panels on one resource's record page that this session may see. */
export function recordPanelsFor(session: Session | null | undefined, resource: string): RecordPanel[] {
  return consoleExtensions
    .flatMap((e) => e.recordPanels ?? [])
    .filter((p) => p.resource === resource && allowed(session, p.permission));
}

/** Where each payment purpose is refunded: purpose type → the resource whose panel declares it (`refunds`). */
export function refundPlaces(): ReadonlyMap<string, string> {
  return new Map(
    consoleExtensions
      .flatMap((e) => e.recordPanels ?? [])
      .flatMap((p) => (p.refunds ?? []).map((type) => [type, p.resource] as const)),
  );
}

/** What the extensions say in one language (a missing language falls back to English). */
export function extensionMessages(locale: ConsoleLocale): Messages[] {
  return consoleExtensions.flatMap((e) => {
    const errors = e.errors?.[locale];
    return [
      ...(e.messages[locale] ? [e.messages[locale]] : []),
      ...(errors ? [{ errors: { [e.name]: asPolyglot(errors) } } as Messages] : []),
    ];
  });
}
