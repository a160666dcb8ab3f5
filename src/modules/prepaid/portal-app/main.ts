import './styles.css';
import { relabel } from '../../../../web/kit/i18n.ts';
import { buyScreen } from './buy.screen.ts';
import { homeScreen } from './home.screen.ts';
import { type MessageKey, pickLocale } from './i18n.ts';
import { paymentScreen } from './payment.screen.ts';
import { createPortal } from './portal.ts';
import { signInScreen } from './sign-in.screen.ts';
import { signUpScreen } from './sign-up.screen.ts';
import { tokenScreen } from './token.screen.ts';

/*
 * The prepaid customer portal of one organization, at /portal/<org slug>/: sign in with phone,
 * meter number and a one-time code; see meters; quote, pay by mobile money, get the token; history.
 * This file wires the page (its header, the language, the screens); each screen is a file of its own.
 */
const LANG_KEY = 'opsdesk.portal.lang';
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const langSelect = document.getElementById('lang') as HTMLSelectElement;

const portal = createPortal(
  {
    org: location.pathname.split('/')[2] || 'default',
    main: document.getElementById('main')!,
    signOutButton,
    sessions: sessionStorage,
    locale: pickLocale(localStorage.getItem(LANG_KEY), navigator.languages),
  },
  (p) => ({
    signIn: (sent) => signInScreen(p, sent),
    signUp: (sent) => signUpScreen(p, sent),
    home: (notice) => homeScreen(p, notice),
    buy: (meter, me, mode) => buyScreen(p, meter, me, mode),
    waitForPayment: (purchase, phone) => paymentScreen(p, purchase, phone),
    token: (purchase) => tokenScreen(p, purchase),
  }),
);

function applyLanguage() {
  document.documentElement.lang = portal.locale();
  langSelect.value = portal.locale();
  relabel(document, (key) => portal.t(key as MessageKey));
}

langSelect.addEventListener('change', () => {
  portal.setLocale(pickLocale(langSelect.value, []));
  localStorage.setItem(LANG_KEY, portal.locale());
  applyLanguage();
  portal.redraw();
});
signOutButton.addEventListener('click', async () => {
  await portal.api.signOut().catch(() => undefined);
  portal.signedOut();
});

applyLanguage();
// The header names the vendor, not the product: the organization's own name once known.
void portal.api
  .vendor()
  .then((vendor) => {
    portal.setVendor(vendor);
    const title = document.getElementById('title');
    if (!title || !vendor.name) return;
    title.removeAttribute('data-i18n');
    title.textContent = vendor.name;
  })
  .catch(() => undefined);
if (portal.isSignedIn()) {
  signOutButton.hidden = false;
  void portal.go.home();
} else portal.go.signIn();
