import { byId, fill, h } from '../../../../web/kit/dom.ts';
import type { BoothState } from './state.ts';
import type { BoothView } from './view.ts';

/** The header (connection, queue, language, sign out) and the banners under it. */
export function renderStatus(view: BoothView, state: BoothState, toggleLanguage: () => void): void {
  const { t } = view.words;
  fill(
    byId('status'),
    state.screen === 'booth' &&
      h(
        'span',
        { class: `pill${state.online ? '' : ' offline'}`, 'data-testid': 'online' },
        state.online ? t('status.online') : t('status.offline'),
      ),
    state.queued > 0 &&
      h(
        'span',
        { class: 'pill queued', 'data-testid': 'queued', 'data-count': String(state.queued) },
        t('status.queued', { count: state.queued }),
      ),
    state.queued === 0 && h('span', { hidden: true, 'data-testid': 'queued', 'data-count': '0' }),
    h('button', { type: 'button', class: 'link', onclick: toggleLanguage }, t('status.language')),
    state.session &&
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            if (state.queued > 0 && !confirm(t('status.signOutPending', { count: state.queued }))) return;
            void view.app.logout();
          },
        },
        t('status.signOut'),
      ),
  );
  fill(
    byId('banner'),
    state.screen === 'booth' &&
      !state.online &&
      h('div', { class: 'banner offline', 'data-testid': 'offline-banner' }, t('banner.offline')),
    state.needsLogin && h('div', { class: 'banner warn' }, t('banner.login')),
  );
}
