import { StaffApi } from '../../../../web/kit/api.ts';
import { CameraPanel } from '../../../../web/kit/camera-panel.ts';
import { byId, onLoginSubmit, onTypedSubmit } from '../../../../web/kit/dom.ts';
import { relabel as relabelPage } from '../../../../web/kit/i18n.ts';
import { formatMinor } from '../../../../web/kit/money.ts';
import { signInProblemText } from '../../../../web/kit/sign-in.ts';
import { BoothApp } from './app.ts';
import { wireBillForm } from './bill-form.view.ts';
import { renderBoothScreen } from './booth.screen.ts';
import { type BoothKey, type BoothLanguage, type BoothWords, boothWordsIn } from './i18n.ts';
import type { BillStore } from './queue.ts';
import type { BoothState } from './state.ts';
import { renderStatus } from './status.view.ts';
import type { BoothView } from './view.ts';

const LANGUAGE_KEY = 'opsdesk.booth.language';
const CAMERA_KEY = 'opsdesk.booth.camera';

/** The language saved on this phone, or the browser's. */
const savedLanguage = (): BoothLanguage =>
  (localStorage.getItem(LANGUAGE_KEY) as BoothLanguage | null) ??
  (navigator.language.startsWith('es') ? 'es' : 'en');

/**
 * The booth page, made once at start: its app, the words in the language staff chose, the camera and
 * the screen on show. Every state of the page is held here; the booth screen (booth.screen.ts) and
 * the header (status.view.ts) draw from it as their view. The sign-in screen is the page's form,
 * wired here: its one changing part is the line saying why a sign-in failed.
 */
export class BoothPage implements BoothView {
  readonly app: BoothApp;
  readonly amountInput = byId<HTMLInputElement>('bill-amount');
  words: BoothWords = boothWordsIn(savedLanguage());
  private shownScreen: BoothState['screen'] | undefined;
  private readonly camera: CameraPanel;

  constructor(store: BillStore) {
    this.camera = new CameraPanel(
      (text) => void this.app.lookup(text),
      () => this.relabel(),
      (on) => localStorage.setItem(CAMERA_KEY, on ? 'on' : 'off'),
    );
    this.app = new BoothApp(store, new StaffApi(), (state) => this.render(state));
    onLoginSubmit((input) => void this.app.login(input));
    onTypedSubmit('typed-code', (text) => void this.app.lookup(text));
    wireBillForm(this);
  }

  async start(): Promise<void> {
    this.relabel();
    await this.app.start();
  }

  money(minor: number, currency: string): string {
    return formatMinor(minor, currency, this.words.locale);
  }

  /** Speaks the other language from now on, and keeps it for the next start. */
  private toggleLanguage(): void {
    this.words = boothWordsIn(this.words.language === 'en' ? 'es' : 'en');
    localStorage.setItem(LANGUAGE_KEY, this.words.language);
    this.relabel();
  }

  /** Static labels carry `data-i18n` keys; they are relabelled (and the screen drawn again) in a new language. */
  private relabel(): void {
    const { t } = this.words;
    document.documentElement.lang = this.words.language;
    document.title = t('app.title');
    relabelPage(document, (key) => t(key as BoothKey));
    this.camera.label(t);
    this.render(this.app.state);
  }

  private render(state: BoothState): void {
    byId('login').hidden = state.screen !== 'login';
    byId('booth').hidden = state.screen !== 'booth';
    renderStatus(this, state, () => this.toggleLanguage());
    if (state.screen === 'booth') renderBoothScreen(this, state);
    this.followScreen(state.screen);
    byId('login-error').textContent = signInProblemText(state.loginError, this.words.t);
  }

  /** The camera runs while the booth screen shows, unless staff switched it off. */
  private followScreen(screen: BoothState['screen']): void {
    if (screen === this.shownScreen) return;
    this.shownScreen = screen;
    if (screen === 'booth' && localStorage.getItem(CAMERA_KEY) !== 'off') void this.camera.start();
    else this.camera.stop();
  }
}
