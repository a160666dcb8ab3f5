import { CameraPanel } from '../../../../web/kit/camera-panel.ts';
import { byId, onLoginSubmit, onTypedSubmit } from '../../../../web/kit/dom.ts';
import { relabel as relabelPage } from '../../../../web/kit/i18n.ts';
import { signInProblemText } from '../../../../web/kit/sign-in.ts';
import { ScannerApi } from './api.ts';
import { ScannerApp, type ScannerState } from './app.ts';
import { deviceId, loadPrefs, savePrefs } from './device.ts';
import { verdictSignal } from './feedback.ts';
import { type Language, type MessageKey, type Words, wordsIn } from './i18n.ts';
import { renderMeal, renderRecent, renderResult } from './scan.screen.ts';
import { renderStatus } from './status.view.ts';
import type { ScannerStore } from './store.ts';
import type { Regions, ViewActions } from './view.ts';

/** The parts of the page that change; the video element stays put so the camera keeps running. */
function pageRegions(): Regions {
  return {
    status: byId('status'),
    banner: byId('banner'),
    main: byId('main'),
    result: byId('result'),
    recent: byId('recent'),
    mealNow: byId('meal-now'),
    scanPanel: byId('scan'),
    loginPanel: byId('login'),
  };
}

/** The language saved on this phone, or the browser's. */
const savedLanguage = (): Language =>
  loadPrefs().language ?? (navigator.language.startsWith('hi') ? 'hi' : 'en');

/**
 * The scanner page, made once at start: its app, the words in the language staff chose, the camera
 * and the screen on show. Every state of the page is held here; the header (status.view.ts) and the
 * scan screen (scan.screen.ts) draw from what it hands them. The sign-in screen is the page's form,
 * wired here: its one changing part is the line saying why a sign-in failed.
 */
export class ScannerPage {
  private readonly regions = pageRegions();
  private words: Words = wordsIn(savedLanguage());
  private shownScreen: ScannerState['screen'] | undefined;
  private readonly camera: CameraPanel;
  private readonly app: ScannerApp;
  private readonly actions: ViewActions;

  constructor(store: ScannerStore) {
    this.camera = new CameraPanel(
      (code) => void this.app.scan({ code }),
      () => this.relabel(),
      (on) => savePrefs({ ...loadPrefs(), camera: on }),
    );
    const signal = verdictSignal();
    this.actions = this.headerActions();
    this.app = new ScannerApp(
      store,
      new ScannerApi(),
      deviceId(),
      (state) => this.render(state),
      (decision) => {
        if (this.actions.sound()) signal(decision);
      },
    );
    onLoginSubmit((input) => void this.app.login(input));
    onTypedSubmit(
      'typed-roll',
      (text) => void this.app.scan(/^OD\d+:/i.test(text) ? { code: text } : { rollNumber: text }),
    );
  }

  async start(): Promise<void> {
    this.relabel();
    await this.app.start();
  }

  private headerActions(): ViewActions {
    const sound = () => loadPrefs().sound !== false;
    return {
      toggleLanguage: () => this.speak(this.words.language === 'en' ? 'hi' : 'en'),
      toggleSound: () => savePrefs({ ...loadPrefs(), sound: !sound() }),
      sound,
      signOut: () => {
        const queued = this.app.state.queued;
        if (queued > 0 && !confirm(this.words.t('menu.signOutPending', { count: queued }))) return;
        void this.app.logout();
      },
      signInAgain: () => void this.app.logout(),
    };
  }

  /** Speaks `language` from now on, and keeps it for the next start. */
  private speak(language: Language): void {
    this.words = wordsIn(language);
    savePrefs({ ...loadPrefs(), language });
    this.relabel();
    this.render(this.app.state);
  }

  /** Static labels carry `data-i18n` keys; they are relabelled when the language changes. */
  private relabel(): void {
    const { t } = this.words;
    document.documentElement.lang = this.words.language;
    document.title = t('app.title');
    relabelPage(document, (key) => t(key as MessageKey));
    this.camera.label(t);
  }

  private render(state: ScannerState): void {
    const { regions, words } = this;
    renderStatus(regions, state, words, { deviceId: this.app.deviceId, actions: this.actions });
    renderMeal(regions, state, words);
    renderResult(regions, state, words);
    renderRecent(regions, state, words);
    this.followScreen(state.screen);
    byId('login-error').textContent = signInProblemText(state.loginError, words.t);
  }

  /** The camera runs while the scan screen shows, unless staff switched it off. */
  private followScreen(screen: ScannerState['screen']): void {
    if (screen === this.shownScreen) return;
    this.shownScreen = screen;
    if (screen === 'scan' && loadPrefs().camera !== false) void this.camera.start();
    else this.camera.stop();
  }
}
