import { h } from '../../../../web/kit/dom.ts';
import type { OriginalPurchaseJson, PortalMeJson, PortalMeterJson, PurchaseJson } from '../browser.ts';
import {
  alertSettingsSection,
  alertsBanner,
  institutionSection,
  meterRequestsSection,
  statementSection,
  usageChart,
} from './account-views.ts';
import { PortalError } from './api.ts';
import { groupToken, numberIn } from './format.ts';
import { historySection, originalHistorySection } from './history-views.ts';
import type { MessageKey } from './i18n.ts';
import type { Portal } from './portal.ts';
import { usersSection } from './users-view.ts';

/**
 * The signed-in account: its meters, what it bought, its alerts and statements, and (for owners)
 * its settings, meter requests and people. What the person's role allows is shown; the server enforces it.
 */
export async function homeScreen(p: Portal, notice?: string): Promise<void> {
  let me: PortalMeJson;
  try {
    me = await p.api.me();
  } catch (err) {
    if (err instanceof PortalError && err.status === 401) return p.signedOut();
    p.show(() => void homeScreen(p), h('p', { class: 'error', role: 'alert' }, p.errorText(err)));
    return;
  }
  const role = me.user.role;
  const buys = role !== 'viewer';
  const owns = role === 'owner';
  const [history, alerts, settings, requests, users] = await Promise.all([
    buys
      ? p.api.history().catch(() => ({ items: [] as PurchaseJson[], original: [] as OriginalPurchaseJson[] }))
      : null,
    p.api.alerts().catch(() => ({ items: [] })),
    owns ? p.api.alertSettings().catch(() => null) : null,
    p.api.meterRequests().catch(() => ({ items: [] })),
    owns ? p.api.users().catch(() => null) : null,
  ]);
  const reload = () => void homeScreen(p);
  const sections: Array<Node | null> = [
    alertsBanner(p, alerts.items),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, p.t('home.hello', { name: me.account.name })),
      h(
        'p',
        { class: 'muted', 'data-testid': 'signed-in-as' },
        p.t('home.role', { name: me.user.name, role: p.t(`role.${role}` as MessageKey) }),
      ),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      h('h2', {}, p.t('home.meters')),
      me.meters.length === 0 ? h('p', { class: 'muted' }, p.t('home.noMeters')) : null,
      ...me.meters.map((m) => meterCard(p, m, me)),
    ),
    institutionSection(p, me),
    history && historySection(p, history.items),
    history?.original?.length ? originalHistorySection(p, history.original) : null,
    statementSection(p),
    settings && alertSettingsSection(p, settings),
    owns ? meterRequestsSection(p, requests.items, reload) : null,
    users && usersSection(p, users.items, me.user.id, reload),
  ];
  p.show(reload, ...sections.filter((x): x is Node => x !== null));
}

function meterCard(p: Portal, m: PortalMeterJson, me: PortalMeJson) {
  return h(
    'article',
    { class: 'card', 'data-meter': m.number },
    h(
      'div',
      { class: 'card-head' },
      h('strong', { class: 'meter-number' }, m.number),
      h('span', { class: `badge ${m.status}` }, p.t(`status.${m.status}` as MessageKey)),
    ),
    h('p', { class: 'muted' }, [m.location, m.building, m.department].filter(Boolean).join(' · ')),
    h('p', {}, p.t('home.month', { units: p.kwh(m.monthUnitsTenths) })),
    balanceLine(p, m),
    m.daysLeft !== null &&
      m.dailyTenths !== null &&
      h(
        'p',
        { class: m.daysLeft <= 3 && m.trusted ? 'error' : '' },
        p.t('home.daysLeft', { days: numberIn(m.daysLeft, p.locale()), daily: p.kwh(m.dailyTenths) }),
      ),
    usageChart(p, m),
    m.lastToken &&
      h(
        'p',
        { class: 'muted' },
        `${p.t('home.lastToken')}: `,
        h('span', { class: 'mono' }, groupToken(m.lastToken.token).join(' ')),
      ),
    m.status === 'active' &&
      m.currency &&
      me.user.role !== 'viewer' &&
      h('button', { type: 'button', class: 'primary', onclick: () => p.go.buy(m, me) }, p.t('home.buy')),
  );
}

/**
 * What is left on the meter: as it reported, or our estimate said to be one (issue 54, item 7),
 * with what it rests on and, when it is not trusted, that the meter's own display is the word.
 */
function balanceLine(p: Portal, m: PortalMeterJson) {
  const units = p.kwh(m.balanceTenths);
  if (!m.estimated) return h('p', { 'data-testid': `balance-${m.number}` }, p.t('home.balance', { units }));
  return h(
    'div',
    { 'data-testid': `balance-${m.number}`, 'data-estimated': 'true' },
    h('p', {}, p.t('home.estimate', { units })),
    h('p', { class: 'muted small' }, p.t(m.trusted ? 'home.estimateNote' : 'home.estimateUnsure')),
  );
}
