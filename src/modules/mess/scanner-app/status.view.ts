import { fill, h } from '../../../../web/kit/dom.ts';
import type { ScannerState } from './app.ts';
import type { Words } from './i18n.ts';
import type { Regions, ViewActions } from './view.ts';

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
    state.session &&
      h(
        'details',
        { class: 'menu', open: menuOpen },
        h('summary', { 'aria-label': 'menu' }, '☰'),
        h(
          'div',
          { class: 'menu-body' },
          h('div', {}, state.session.user.name, ' · ', state.session.organization.name),
          h('div', { class: 'muted' }, t('menu.device', { id: device.deviceId.slice(0, 8) })),
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
