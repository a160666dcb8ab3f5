// Hindi in Devanagari on any phone or desktop, even one without the font (precached for offline use).
import '@fontsource/noto-sans-devanagari/devanagari-400.css';
import '@fontsource/noto-sans-devanagari/devanagari-700.css';
import '../../../../web/kit/phone.css';
import { ScannerPage } from './page.ts';
import { openIndexedDbStore } from './store.ts';

/*
 * The mess door scanner at /scanner/ (its page is web/scanner/index.html): staff sign in, scan meal
 * passes or type roll numbers, and the phone decides each scan itself, offline too. This file starts
 * the page; page.ts holds its state, and each screen draws in a file of its own.
 */

// Both Devanagari faces load at start, not when Hindi is first shown: in Chromium, text drawn
// while its face was still loading stayed as empty boxes after the face arrived.
for (const weight of [400, 700]) void document.fonts?.load(`${weight} 1em "Noto Sans Devanagari"`, 'क');

async function boot(): Promise<void> {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/scanner/sw.js', { scope: '/scanner/' }).catch((err) => {
      console.warn('scanner: service worker not registered', err);
    });
  }
  // Ask the browser not to evict IndexedDB under storage pressure: queued scans live there.
  void navigator.storage?.persist?.().catch(() => false);
  await new ScannerPage(await openIndexedDbStore()).start();
}

void boot();
