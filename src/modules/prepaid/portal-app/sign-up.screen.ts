import { h } from '../../../../web/kit/dom.ts';
import type { Portal } from './portal.ts';
import { codeInput } from './sign-in.screen.ts';

/** A new customer: name, phone, meter, where the code goes; then the code; then home. */
export function signUpScreen(p: Portal, sent?: { phone: string; meter: string }): void {
  if (sent) {
    signUpCodeScreen(p, sent);
    return;
  }
  const name = p.input({ name: 'name', autocomplete: 'name', required: true, maxlength: '200' });
  const phone = p.input({
    name: 'phone',
    type: 'tel',
    autocomplete: 'tel',
    inputmode: 'tel',
    required: true,
  });
  const meter = p.input({
    name: 'meter',
    autocapitalize: 'characters',
    required: true,
    placeholder: 'KGL-0001',
  });
  const codeBy = h(
    'select',
    { name: 'codeBy' },
    h('option', { value: 'email' }, p.t('signUp.byEmail')),
    h('option', { value: 'whatsapp' }, p.t('signUp.byWhatsapp')),
  ) as HTMLSelectElement;
  const email = p.input({ name: 'email', type: 'email', autocomplete: 'email' });
  const emailField = p.field(p.t('signUp.email'), email);
  codeBy.addEventListener('change', () => {
    emailField.hidden = codeBy.value !== 'email';
  });
  p.show(
    () => signUpScreen(p),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, p.t('signUp.heading')),
      h('p', { class: 'muted' }, p.t('signUp.intro')),
      p.form(
        [
          p.field(p.t('signUp.name'), name),
          p.field(p.t('signIn.phone'), phone),
          p.field(p.t('signIn.meter'), meter),
          p.field(p.t('signUp.codeBy'), codeBy),
          emailField,
        ],
        p.t('signUp.send'),
        async () => {
          const by = codeBy.value as 'email' | 'whatsapp';
          await p.api.signUp({
            name: name.value.trim(),
            phone: phone.value.trim(),
            meterNumber: meter.value.trim().toUpperCase(),
            codeBy: by,
            ...(by === 'email' ? { email: email.value.trim() } : {}),
            language: p.locale(),
          });
          signUpScreen(p, { phone: phone.value.trim(), meter: meter.value.trim().toUpperCase() });
        },
      ),
      h(
        'button',
        { type: 'button', class: 'link-dark', onclick: () => p.go.signIn() },
        p.t('signIn.heading'),
      ),
    ),
  );
}

function signUpCodeScreen(p: Portal, sent: { phone: string; meter: string }): void {
  const code = codeInput(p);
  p.show(
    () => signUpScreen(p, sent),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, p.t('signUp.heading')),
      h('p', { class: 'notice', role: 'status' }, p.t('signUp.sent')),
      p.form([p.field(p.t('signIn.code'), code)], p.t('signIn.verify'), async () => {
        const s = await p.api.finishSignUp(sent.phone, code.value.trim());
        p.signedIn(s.session);
        await p.go.home(p.t('signUp.done', { meter: s.request.meterNumber }));
      }),
      h(
        'button',
        { type: 'button', class: 'link-dark', onclick: () => signUpScreen(p) },
        p.t('signIn.other'),
      ),
    ),
  );
  code.focus();
}
