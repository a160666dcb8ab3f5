import { h } from '../../../../web/kit/dom.ts';
import type { PortalRole, PortalUserJson } from '../browser.ts';
import type { MessageKey } from './i18n.ts';
import type { Portal } from './portal.ts';

const ROLES: PortalRole[] = ['owner', 'buyer', 'viewer'];

const roleSelect = (k: Portal, value: PortalRole, name: string) =>
  h(
    'select',
    { name, 'aria-label': k.t('users.role') },
    ...ROLES.map((r) => h('option', { value: r, selected: r === value }, k.t(`role.${r}` as MessageKey))),
  ) as HTMLSelectElement;

/** One person of the account: their role, which an owner changes here, and Remove. */
function userRow(
  k: Portal,
  u: PortalUserJson,
  myId: string,
  attempt: (work: () => Promise<unknown>) => Promise<void>,
) {
  const role = roleSelect(k, u.role, `role-${u.id}`);
  role.addEventListener(
    'change',
    () => void attempt(() => k.api.changeUser(u.id, { role: role.value as PortalRole })),
  );
  return h(
    'li',
    { 'data-user': u.name },
    h(
      'div',
      { class: 'row-between' },
      h('strong', {}, u.id === myId ? `${u.name} (${k.t('users.you')})` : u.name),
      role,
    ),
    h('p', { class: 'muted' }, [u.phone, u.email].filter(Boolean).join(' · ')),
    h(
      'button',
      {
        type: 'button',
        class: 'link-dark',
        onclick: () => {
          if (confirm(k.t('users.confirmRemove', { name: u.name })))
            void attempt(() => k.api.removeUser(u.id));
        },
      },
      k.t('users.remove'),
    ),
  );
}

/** Adds someone to the account: a name, a phone or an e-mail (or both), and a role. */
function addUserForm(k: Portal, reload: () => void) {
  const name = k.input({ name: 'userName', autocomplete: 'off', required: true, maxlength: '200' });
  const phone = k.input({
    name: 'userPhone',
    type: 'tel',
    inputmode: 'tel',
    placeholder: '+250 788 000 111',
  });
  const email = k.input({ name: 'userEmail', type: 'email' });
  const role = roleSelect(k, 'buyer', 'userRole');
  return k.form(
    [
      k.field(k.t('users.name'), name),
      k.field(k.t('signIn.phone'), phone),
      k.field(k.t('users.email'), email),
      k.field(k.t('users.role'), role),
    ],
    k.t('users.add'),
    async () => {
      await k.api.addUser(
        {
          name: name.value.trim(),
          ...(phone.value.trim() ? { phone: phone.value.trim() } : {}),
          ...(email.value.trim() ? { email: email.value.trim() } : {}),
          role: role.value as PortalRole,
        },
        crypto.randomUUID(),
      );
      reload();
    },
  );
}

/**
 * The people who sign in to this account (owners only): each with their role, which an owner
 * changes or removes; and a form to add someone. The server keeps one owner and says so.
 */
export function usersSection(k: Portal, users: PortalUserJson[], myId: string, reload: () => void) {
  const error = h('p', { class: 'error', role: 'alert' });
  async function attempt(work: () => Promise<unknown>) {
    error.textContent = '';
    try {
      await work();
      reload();
    } catch (err) {
      error.textContent = err instanceof Error && err.message ? err.message : k.t('error.generic');
    }
  }
  return h(
    'section',
    { class: 'panel', 'data-testid': 'users' },
    h('h2', {}, k.t('users.heading')),
    h('p', { class: 'muted' }, k.t('users.intro')),
    h('ul', { class: 'history' }, ...users.map((u) => userRow(k, u, myId, attempt))),
    error,
    h('h3', {}, k.t('users.add')),
    addUserForm(k, reload),
  );
}
