import type { ComponentType, LazyExoticComponent } from 'react';
import type { Session } from '../api/session.ts';

type Screen = ComponentType | LazyExoticComponent<ComponentType>;

/** A card on the dashboard; modules add theirs with `registerDashboardCard`. */
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

const cards: DashboardCard[] = [];
const pages: ConsolePage[] = [];

export function registerDashboardCard(card: DashboardCard): void {
  if (!cards.some((c) => c.id === card.id)) cards.push(card);
}

export function registerConsolePage(page: ConsolePage): void {
  if (!pages.some((p) => p.path === page.path)) pages.push(page);
}

const allowed = (session: Session | null | undefined, permission?: string) =>
  !permission || !!session?.permissions.includes(permission);

export function dashboardCardsFor(session: Session | null | undefined): DashboardCard[] {
  return cards
    .filter((c) => allowed(session, c.permission))
    .sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
}

export function consolePagesFor(session: Session | null | undefined): ConsolePage[] {
  return pages.filter((p) => allowed(session, p.permission));
}
