import { renderLastBill, renderRecent } from './bills.view.ts';
import { renderBoothCard } from './booth-card.view.ts';
import { renderCustomer } from './customer.view.ts';
import type { BoothState } from './state.ts';
import type { BoothView } from './view.ts';

/**
 * The booth screen, part by part: staff's booth and its totals, the customer on screen with the
 * bill form under them, the bill just made, and the bills this phone made lately.
 */
export function renderBoothScreen(view: BoothView, state: BoothState): void {
  renderBoothCard(view, state);
  renderCustomer(view, state);
  renderLastBill(view, state);
  renderRecent(view, state);
}
