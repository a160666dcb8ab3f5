// Hindi in Devanagari on any phone or desktop, even one without the font (precached for offline use).
import '@fontsource/noto-sans-devanagari/devanagari-400.css';
import '@fontsource/noto-sans-devanagari/devanagari-700.css';
import '../../../../web/kit/phone.css';
import { CameraPanel } from '../../../../web/kit/camera-panel.ts';
import { byId, onLoginSubmit, onTypedSubmit } from '../../../../web/kit/dom.ts';
import { relabel as relabelPage } from '../../../../web/kit/i18n.ts';
import { signInProblemText } from '../../../../web/kit/sign-in.ts';
import { ScannerApi } from './api.ts';
import { ScannerApp, type ScannerState } from './app.ts';
import { deviceId, loadPrefs, savePrefs } from './device.ts';
import { signal } from './feedback.ts';
import { language, type MessageKey, setLanguage, t } from './i18n.ts';
import { openIndexedDbStore } from './store.ts';
import {
  type Regions,
  renderMeal,
  renderRecent,
  renderResult,
  renderStatus,
  type ViewActions,
} from './view.ts';

// Both Devanagari faces load at start, not when Hindi is first shown: in Chromium, text drawn
// while its face was still loading stayed as empty boxes after the face arrived.
for (const weight of [400, 700]) void document.fonts?.load(`${weight} 1em "Noto Sans Devanagari"`, 'क');

const regions: Regions = {
  status: byId('status'),
  banner: byId('banner'),
  main: byId('main'),
  result: byId('result'),
  recent: byId('recent'),
  mealNow: byId('meal-now'),
  scanPanel: byId('scan'),
  loginPanel: byId('login'),
};

const prefs = loadPrefs();
setLanguage(prefs.language ?? (navigator.language.startsWith('hi') ? 'hi' : 'en'));

/** Static labels carry `data-i18n` keys; they are relabelled when the language changes. */
function relabel(): void {
  document.title = t('app.title');
  relabelPage(document, (key) => t(key as MessageKey));
  camera.label(t);
}

let app: ScannerApp;
let lastScreen: ScannerState['screen'] | undefined;
const camera = new CameraPanel(
  (code) => void app.scan({ code }),
  relabel,
  (on) => savePrefs({ ...loadPrefs(), camera: on }),
);

const actions: ViewActions = {
  toggleLanguage() {
    setLanguage(language() === 'en' ? 'hi' : 'en');
    savePrefs({ ...loadPrefs(), language: language() });
    relabel();
    render(app.state);
  },
  toggleSound() {
    savePrefs({ ...loadPrefs(), sound: !actions.sound() });
  },
  sound: () => loadPrefs().sound !== false,
  signOut() {
    const queued = app.state.queued;
    if (queued > 0 && !confirm(t('menu.signOutPending', { count: queued }))) return;
    void app.logout();
  },
  signInAgain() {
    void app.logout();
  },
};

function render(state: ScannerState): void {
  renderStatus(regions, state, app, actions);
  renderMeal(regions, state);
  renderResult(regions, state);
  renderRecent(regions, state);
  if (state.screen !== lastScreen) {
    lastScreen = state.screen;
    if (state.screen === 'scan' && loadPrefs().camera !== false) void camera.start();
    else camera.stop();
  }
  byId('login-error').textContent = signInProblemText(state.loginError, t);
}

onLoginSubmit((input) => void app.login(input));

onTypedSubmit(
  'typed-roll',
  (text) => void app.scan(/^OD\d+:/i.test(text) ? { code: text } : { rollNumber: text }),
);

async function boot(): Promise<void> {
  relabel();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/scanner/sw.js', { scope: '/scanner/' }).catch((err) => {
      console.warn('scanner: service worker not registered', err);
    });
  }
  // Ask the browser not to evict IndexedDB under storage pressure: queued scans live there.
  void navigator.storage?.persist?.().catch(() => false);
  const store = await openIndexedDbStore();
  app = new ScannerApp(store, new ScannerApi(), deviceId(), render, (decision) => {
    if (actions.sound()) signal(decision);
  });
  await app.start();
}

void boot();
