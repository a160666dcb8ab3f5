import { clockTimeIn, mealNameIn } from '../browser.ts';
import { fill, h } from '../../../../web/kit/dom.ts';
import type { ScannerApp, ScannerState } from './app.ts';
import { language, type MessageKey, reasonText, t } from './i18n.ts';
import type { MealNow } from './meal-now.ts';
import type { StoredScan } from './store.ts';

/** The page regions that change; the video element stays put so the camera keeps running. */
export interface Regions {
  status: HTMLElement;
  banner: HTMLElement;
  main: HTMLElement;
  result: HTMLElement;
  recent: HTMLElement;
  mealNow: HTMLElement;
  scanPanel: HTMLElement;
  loginPanel: HTMLElement;
}

export interface ViewActions {
  toggleLanguage(): void;
  toggleSound(): void;
  signOut(): void;
  signInAgain(): void;
  sound(): boolean;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/**
 * A clock time on the organization's clock (as the console shows it, whatever the phone's zone),
 * with the day when it is not today there (an old student list must look old).
 */
function time(iso: string, state: ScannerState): string {
  const at = new Date(iso);
  const locale = language() === 'hi' ? 'hi-IN' : 'en-IN';
  const timeZone = state.session?.organization.timeZone;
  const clock = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone });
  if (day(at) === day(new Date())) return clock;
  return `${at.toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone })} ${clock}`;
}

export function renderStatus(regions: Regions, state: ScannerState, app: ScannerApp, actions: ViewActions) {
  const queued = state.queued;
  // Re-rendered on every change (sync ticks): keep the menu open if staff opened it.
  const menuOpen = regions.status.querySelector('details')?.open ?? false;
  fill(
    regions.status,
    h(
      'span',
      { class: `pill ${state.online ? 'online' : 'offline'}`, 'data-testid': 'connection' },
      state.online ? t('status.online') : t('status.offline'),
    ),
    h(
      'span',
      { class: `pill ${queued ? 'queued' : 'clear'}`, 'data-testid': 'queued', 'data-count': String(queued) },
      state.syncing && queued
        ? t('status.syncing')
        : queued
          ? t('status.queued', { count: queued })
          : t('status.allSent'),
    ),
    h('button', { type: 'button', class: 'link', onclick: actions.toggleLanguage }, t('menu.language')),
    state.session &&
      h(
        'details',
        { class: 'menu', open: menuOpen },
        h('summary', { 'aria-label': 'menu' }, '☰'),
        h(
          'div',
          { class: 'menu-body' },
          h('div', {}, state.session.user.name, ' · ', state.session.organization.name),
          h('div', { class: 'muted' }, t('menu.device', { id: app.deviceId.slice(0, 8) })),
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              checked: actions.sound(),
              onchange: actions.toggleSound,
            }),
            ' ',
            t('menu.sound'),
          ),
          h('button', { type: 'button', onclick: actions.signOut }, t('menu.signOut')),
        ),
      ),
  );

  const lines: (HTMLElement | false)[] = [
    !state.online &&
      h('div', { class: 'banner offline', 'data-testid': 'offline-banner' }, t('banner.offline')),
    state.needsLogin &&
      h(
        'div',
        { class: 'banner warn', 'data-testid': 'needs-login' },
        t('status.signInAgain'),
        ' ',
        h('button', { type: 'button', onclick: actions.signInAgain }, t('login.submit')),
      ),
    state.screen === 'scan' &&
      !state.snapshotAt &&
      h('div', { class: 'banner warn', 'data-testid': 'no-snapshot' }, t('banner.noSnapshot')),
    Boolean(state.syncError) && h('div', { class: 'banner warn' }, state.syncError ?? ''),
  ];
  fill(regions.banner, ...lines);
  regions.loginPanel.hidden = state.screen !== 'login';
  regions.scanPanel.hidden = state.screen !== 'scan';
}

const decisionWord = (decision: string) => t(decision === 'allowed' ? 'result.allowed' : 'result.denied');

/** Why the server did not record a scan, in words. */
function refusalWords(scan: StoredScan): string {
  const key = `result.refused.${scan.refusal}` as MessageKey;
  return key === 'result.refused.in_future' ||
    key === 'result.refused.before_pass_issued' ||
    key === 'result.refused.unreadable'
    ? t(key)
    : t('result.refused.other', { code: scan.refusal ?? '?' });
}

function syncLine(scan: StoredScan, localDecision: string | undefined): string {
  const result = scan.result;
  if (scan.state === 'refused') return refusalWords(scan);
  if (!result)
    return scan.localDecision
      ? scan.offline
        ? t('result.queued')
        : t('result.checkedHere')
      : t('result.pending');
  // The counter's verdict stands; where the server's differs, staff see a conflict.
  if (result.conflict)
    return result.serverReason === 'already_served' || result.serverDecision === undefined
      ? t('result.conflict')
      : t('result.conflictServer', {
          decision: decisionWord(result.serverDecision),
          reason: reasonText(result.serverReason),
        });
  if (localDecision && result.decision !== localDecision)
    return t('result.serverChanged', {
      decision: decisionWord(result.decision),
      reason: reasonText(result.reason),
    });
  return t('result.confirmed');
}

export function renderResult(regions: Regions, state: ScannerState) {
  const current = state.current;
  if (!current) {
    fill(regions.result, h('p', { class: 'hint' }, t('scan.hint')));
    regions.result.className = 'result idle';
    return;
  }
  const { scan, local, awaitingServer } = current;
  if (awaitingServer) {
    regions.result.className = 'result pending';
    regions.result.dataset.decision = 'pending';
    regions.result.dataset.nonce = scan.nonce;
    regions.result.dataset.synced = scan.state;
    fill(
      regions.result,
      h('div', { class: 'verdict', 'data-testid': 'decision' }, '…'),
      h('div', { class: 'reason', 'data-testid': 'reason' }, t('result.checking')),
    );
    return;
  }
  // Online, the server's answer (a second later) wins. A scan decided offline keeps the verdict the
  // student was given at the counter; a different server answer shows as a note (a conflict).
  const keepLocal = scan.offline && local.decision !== undefined;
  const decision = keepLocal ? local.decision : (scan.result?.decision ?? local.decision);
  const reason = keepLocal ? local.reason : scan.result ? scan.result.reason : local.reason;
  const name = scan.result?.student?.name ?? local.student?.name;
  const roll = scan.result?.student?.rollNumber ?? local.student?.rollNumber ?? scan.rollNumber;
  regions.result.className = `result ${decision ?? 'pending'}`;
  regions.result.dataset.decision = decision ?? 'pending';
  regions.result.dataset.nonce = scan.nonce;
  regions.result.dataset.synced = scan.state;
  fill(
    regions.result,
    h(
      'div',
      { class: 'verdict', 'data-testid': 'decision' },
      decision === 'allowed' ? '✓ ' : decision === 'denied' ? '✗ ' : '? ',
      decision === 'allowed' ? t('result.allowed') : decision === 'denied' ? t('result.denied') : '…',
    ),
    h('div', { class: 'reason', 'data-testid': 'reason', 'data-code': reason ?? 'ok' }, reasonText(reason)),
    h(
      'div',
      { class: 'who' },
      h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(name ?? '')),
      h(
        'div',
        {},
        h('div', { class: 'name', 'data-testid': 'student-name' }, name ?? t('result.unknownStudent')),
        h(
          'div',
          { class: 'muted' },
          [
            roll,
            local.student?.room ? t('result.room', { room: local.student.room }) : '',
            local.mealName ? t('result.meal', { meal: mealNameIn(local.mealName, language()) }) : '',
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ),
    h(
      'div',
      { class: 'sync-line', 'data-testid': 'sync-line' },
      syncLine(scan, local.decision),
      ' · ',
      time(scan.scannedAt, state),
    ),
  );
}

/** The meal the phone's snapshot says is served now, before any scan. */
export function renderMeal(regions: Regions, state: ScannerState) {
  const meal = state.mealNow;
  regions.mealNow.hidden = meal === undefined;
  regions.mealNow.className = `meal-now ${meal?.kind ?? ''}`;
  regions.mealNow.dataset.kind = meal?.kind ?? '';
  regions.mealNow.textContent = meal ? mealText(meal) : '';
}

/** The meal at the counter in the scanner's language: its usual name and its times as people say them. */
export function mealText(meal: MealNow): string {
  const name = meal.kind === 'none' ? '' : mealNameIn(meal.meal, language());
  const at = (hhmm: string) => clockTimeIn(hhmm, language());
  switch (meal.kind) {
    case 'serving':
      return t('meal.serving', { meal: name, end: at(meal.end) });
    case 'closed':
      return t('meal.closed', { meal: name });
    case 'next':
      return meal.today
        ? t('meal.nextToday', { meal: name, start: at(meal.start) })
        : t('meal.nextDay', { meal: name, start: at(meal.start), day: dayName(meal.date) });
    case 'none':
      return t('meal.none');
  }
}

/** A local date (`YYYY-MM-DD`) as a short day: `Tue 6 Jan`. */
function dayName(date: string): string {
  const locale = language() === 'hi' ? 'hi-IN' : 'en-IN';
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

export function renderRecent(regions: Regions, state: ScannerState) {
  const rows = state.recent.map((scan) => {
    const decision = scan.result?.decision ?? scan.localDecision;
    const badge = scan.result?.conflict
      ? t('recent.conflict')
      : scan.state === 'sent'
        ? t('recent.sent')
        : scan.state === 'refused'
          ? t('recent.refused')
          : t('recent.queued');
    return h(
      'li',
      { class: decision ?? 'pending', 'data-nonce': scan.nonce, 'data-state': scan.state },
      h('span', { class: 'dot' }, decision === 'allowed' ? '✓' : decision === 'denied' ? '✗' : '?'),
      h(
        'span',
        { class: 'grow' },
        scan.result?.student?.name ?? scan.studentName ?? scan.rollNumber ?? t('result.unknownStudent'),
      ),
      h('span', { class: `badge ${scan.result?.conflict ? 'conflict' : scan.state}` }, badge),
      h('span', { class: 'muted' }, time(scan.scannedAt, state)),
      scan.state === 'refused' &&
        h('span', { class: 'muted small', 'data-testid': 'refusal' }, refusalWords(scan)),
    );
  });
  fill(
    regions.recent,
    h('h2', {}, t('recent.heading')),
    rows.length ? h('ul', {}, ...rows) : h('p', { class: 'muted' }, t('recent.empty')),
    state.snapshotAt &&
      h('p', { class: 'muted small' }, t('snapshot.age', { time: time(state.snapshotAt, state) })),
  );
}
