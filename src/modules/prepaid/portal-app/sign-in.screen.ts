import { h } from '../../../../web/kit/dom.ts';
import type { MessageKey } from './i18n.ts';
import type { CodeSent, Portal } from './portal.ts';

/** What the sign-in answer lets the page say truthfully: "on its way" only where a code can go. */
function codeSentNotice(p: Portal, undeliverable: ReadonlyArray<string>): string {
  if (['email', 'whatsapp', 'telegram'].every((c) => undeliverable.includes(c)))
    return p.t('signIn.cannotSend');
  if (undeliverable.length === 0) return p.t('signIn.sent');
  const channels = undeliverable.map((c) => p.t(`channel.${c}` as MessageKey)).join(', ');
  return p.t('signIn.sentExcept', { channels });
}

/** A one-time code's field, as both the sign-in and the sign-up screens ask for it. */
export const codeInput = (p: Portal) =>
  p.input({
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '\\d{6}',
    maxlength: '6',
    required: true,
  });

/** Sign in: a phone and a meter number, then the one-time code sent for them; then home. */
export function signInScreen(p: Portal, sent?: CodeSent): void {
  if (sent) {
    codeScreen(p, sent);
    return;
  }
  const phone = p.input({
    name: 'phone',
    type: 'tel',
    autocomplete: 'tel',
    inputmode: 'tel',
    required: true,
    placeholder: '+250 788 000 111',
  });
  const meter = p.input({
    name: 'meter',
    autocapitalize: 'characters',
    required: true,
    placeholder: 'KGL-0001',
  });
  p.show(
    () => signInScreen(p),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, p.t('signIn.heading')),
      h('p', { class: 'muted' }, p.t('signIn.intro')),
      p.form(
        [p.field(p.t('signIn.phone'), phone), p.field(p.t('signIn.meter'), meter)],
        p.t('signIn.send'),
        async () => {
          const answer = await p.api.signIn(phone.value.trim(), meter.value.trim().toUpperCase());
          signInScreen(p, {
            phone: phone.value.trim(),
            meter: meter.value.trim().toUpperCase(),
            undeliverable: answer.undeliverable ?? [],
          });
        },
      ),
      h('button', { type: 'button', class: 'link-dark', onclick: () => p.go.signUp() }, p.t('signIn.new')),
    ),
  );
}

function codeScreen(p: Portal, sent: CodeSent): void {
  const code = codeInput(p);
  p.show(
    () => signInScreen(p, sent),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, p.t('signIn.heading')),
      h('p', { class: 'notice', role: 'status' }, codeSentNotice(p, sent.undeliverable)),
      p.form([p.field(p.t('signIn.code'), code)], p.t('signIn.verify'), async () => {
        const s = await p.api.verify(sent.phone, sent.meter, code.value.trim());
        p.signedIn(s.session);
        await p.go.home();
      }),
      h(
        'button',
        { type: 'button', class: 'link-dark', onclick: () => signInScreen(p) },
        p.t('signIn.other'),
      ),
    ),
  );
  code.focus();
}
