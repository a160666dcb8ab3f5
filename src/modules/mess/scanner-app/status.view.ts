import { fill, h } from '../../../../web/kit/dom.ts';
import type { ScannerState } from './app.ts';
import type { Words } from './i18n.ts';
import type { Regions, ViewActions } from './view.ts';

/** Staff's menu in the header: who and where, this phone's id, the sound, and signing out. */
function menu(
  session: NonNullable<ScannerState['session']>,
  words: Words,
  device: { deviceId: string; actions: ViewActions },
  open: boolean,
): HTMLElement {
  const { t } = words;
  const { actions } = device;
  return h(
    'details',
    { class: 'menu', open },
    h('summary', { 'aria-label': 'menu' }, '☰'),
    h(
      'div',
      { class: 'menu-body' },
      h('div', {}, session.user.name, ' · ', session.organization.name),
      h('div', { class: 'muted' }, t('menu.device', { id: device.deviceId.slice(0, 8) })),
      h(
        'label',
        {},
        h('input', { type: 'checkbox', checked: actions.sound(), onchange: actions.toggleSound }),
        ' ',
        t('menu.sound'),
      ),
      h('button', { type: 'button', onclick: actions.signOut }, t('menu.signOut')),
    ),
  );
}

/** The banners under the header: offline, a session to sign in again, no student list, a sync error. */
function banners(state: ScannerState, words: Words, actions: ViewActions): Array<HTMLElement | false> {
  const { t } = words;
  return [
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
}

/**
 * The header (connection, queue, language, the menu) and the banners under it, and which screen
 * shows: signing in or scanning.
 */
export function renderStatus(
  regions: Regions,
  state: ScannerState,
  words: Words,
  device: { deviceId: string; actions: ViewActions },
) {
  const { t } = words;
  const { actions } = device;
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
    state.session && menu(state.session, words, device, menuOpen),
  );
  fill(regions.banner, ...banners(state, words, actions));
  regions.loginPanel.hidden = state.screen !== 'login';
  regions.scanPanel.hidden = state.screen !== 'scan';
}
