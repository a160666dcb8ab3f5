import type { ComponentType, LazyExoticComponent } from 'react';
import type { ConsoleLocale } from '../i18n/console-locales.ts';

export type { ConsoleLocale };

type Screen = ComponentType | LazyExoticComponent<ComponentType>;

/** A card on the dashboard. */
export interface DashboardCard {
  id: string;
  /** i18n key of the card title. */
  title: string;
  /** Shown only to sessions holding this permission. */
  permission?: string;
  /** Lower comes first; platform cards use 10–30. */
  order?: number;
  /** Grid width in twelfths on wide screens (cards are full width on phones). */
  width?: 3 | 4 | 6 | 8 | 12;
  component: Screen;
}

/** A screen of its own (not a generic resource): a route, a menu entry and a palette entry. */
export interface ConsolePage {
  /** Route path inside the console, e.g. `/raffle/draw`. */
  path: string;
  /** i18n key of the menu label. */
  label: string;
  icon?: ComponentType;
  permission?: string;
  /** Hide from the menu (still reachable by link and the command palette). */
  hidden?: boolean;
  component: Screen;
}

/**
/** What a record panel receives: the record's id, and the record as the list API returns it. */
export interface RecordPanelProps {
  id: string;
  record: Record<string, unknown>;
}

/**
 * A module's own panel on one resource's record page, below the record's details: a student's pass,
 * dues and cuts on `mess.students`; a raffle's sales chart and "message all buyers" on `raffle.raffles`.
 */
export interface RecordPanel {
  id: string;
  /** The resource whose record page carries it (`mess.students`). */
  resource: string;
  permission?: string;
  /**
   * The payment purposes this panel refunds, in its module's words (`prepaid.purchase`): a payment of
   * one is refunded here, and its own page points here instead of offering core's Refund (issue 62).
   */
  refunds?: ReadonlyArray<string>;
  component: ComponentType<RecordPanelProps> | LazyExoticComponent<ComponentType<RecordPanelProps>>;
}

/** A nested catalog of words: `{ raffle: { menu: { orders: 'Raffle orders' } } }`. */
export interface Messages {
  [key: string]: string | Messages;
}

/** The same keys as `T`, each with a string: what a translation of an English catalog must fill. */
export type TranslationOf<T> = { [K in keyof T]: T[K] extends string ? string : TranslationOf<T[K]> };

/**
 * What one module (or platform area) adds to the console: its words in English and in the
 * languages its users speak, its own pages and its dashboard cards. Generic list and detail
 * screens need nothing here: they come from the resources the server declares.
 */
export interface ConsoleExtension {
  /** The module's name; its keys live under it (`raffle.menu.orders`). */
  name: string;
  messages: { en: Messages } & Partial<Record<Exclude<ConsoleLocale, 'en'>, Messages>>;
  /**
   * The messages of the module's error codes, written once in the server's catalog format
   * (`{{name}}` placeholders) and shared through the module's `browser.ts`; shown under `errors.<name>`.
   */
  errors?: Partial<Record<ConsoleLocale, Record<string, string>>>;
  /**
   * The module's menu entries in rank order, what its operator opens first, first: its resources by name
   * (`mess.students`) and its pages by path (`/mess/passes`). A screen it does not name follows them.
   */
  menu?: ReadonlyArray<string>;
  pages?: ConsolePage[];
  cards?: DashboardCard[];
  recordPanels?: RecordPanel[];
}

/** Declares a console extension (the default export of a module's `console/index.ts`). */
export const defineConsoleExtension = (extension: ConsoleExtension): ConsoleExtension => extension;
