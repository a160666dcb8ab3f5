import { byId, fill, h } from '../../../../web/kit/dom.ts';
import type { BoothState } from './state.ts';
import type { BoothView } from './view.ts';

/**
 * No booth in this organization. A person in several organizations is told which one they are in
 * (and that they signed in without choosing one) and picks another that runs the exhibition and has
 * a booth; when none has one, the page says so plainly; otherwise nobody assigned them.
 */
function noBooth(view: BoothView, state: BoothState): HTMLElement | null {
  const { t } = view.words;
  const session = state.session;
  if (!session) return h('p', { 'data-testid': 'booth-none' }, t('booth.none'));
  const hasOthers = session.organizations.some((o) => o.id !== session.organization.id);
  if (hasOthers && !state.boothOrganizations) return null;
  const others = (state.boothOrganizations ?? []).filter((o) => o.id !== session.organization.id);
  const org = session.organization.name;
  if (others.length === 0)
    return hasOthers && !state.boothOrganizations?.some((o) => o.id === session.organization.id)
      ? h('p', { 'data-testid': 'booth-none' }, t('booth.noneAnywhere', { org }))
      : h('p', { 'data-testid': 'booth-none' }, t('booth.none'));
  return h(
    'div',
    { 'data-testid': 'booth-pick-org', style: 'flex:1' },
    h('p', {}, session.orgChosen === false ? t('booth.pickOrg', { org }) : t('booth.otherOrg', { org })),
    h(
      'div',
      { class: 'matches' },
      ...others.map((o) =>
        h('button', { type: 'button', onclick: () => void view.app.switchOrganization(o.id) }, o.name),
      ),
    ),
  );
}

/** Staff's booths to choose from, when they have several. */
function boothPicker(view: BoothView, state: BoothState): HTMLElement {
  return h(
    'select',
    {
      'aria-label': view.words.t('booth.label'),
      onchange: (e) => view.app.chooseBooth((e.target as HTMLSelectElement).value),
    },
    ...state.booths.map((b) => {
      const option = h('option', { value: b.id }, `${b.name} · ${b.exhibitionName}`) as HTMLOptionElement;
      option.selected = b.id === state.boothId;
      return option;
    }),
  );
}

/** Staff's booth (a picker when they have several), with today's and the whole exhibition's totals. */
export function renderBoothCard(view: BoothView, state: BoothState): void {
  const { app, words } = view;
  const booth = app.booth;
  if (state.booths.length === 0) {
    fill(byId('booth-card'), state.online ? noBooth(view, state) : null);
    return;
  }
  const picker =
    state.booths.length > 1 ? boothPicker(view, state) : h('div', { class: 'name' }, booth?.name ?? '');
  fill(
    byId('booth-card'),
    h('div', {}, h('div', { class: 'muted small' }, booth?.exhibitionName ?? words.t('booth.label')), picker),
    booth &&
      h(
        'div',
        { class: 'today' },
        h(
          'div',
          { class: 'muted small' },
          `${words.t('booth.today')} · ${words.billCount(booth.today.billCount)}`,
        ),
        h(
          'div',
          { class: 'figure', 'data-testid': 'booth-today' },
          view.money(booth.today.totalMinor, booth.currency),
        ),
        h(
          'div',
          { class: 'muted small' },
          words.t('booth.overall', { total: view.money(booth.overall.totalMinor, booth.currency) }),
        ),
      ),
  );
}
