import '../../../../web/kit/phone.css';
import './booth.css';
import { BoothPage } from './page.ts';
import { openIndexedDbBills } from './queue.ts';

/*
 * The exhibition booth page at /scanner/booth.html (its page is web/scanner/booth.html): staff find
 * the customer by their pass, code, name or phone and bill their tab, offline too. This file starts
 * the page; page.ts holds its state, and each part of the booth screen draws in a file of its own.
 */
async function boot(): Promise<void> {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/scanner/sw.js', { scope: '/scanner/' }).catch((err) => {
      console.warn('booth: service worker not registered', err);
    });
  }
  void navigator.storage?.persist?.().catch(() => false);
  await new BoothPage(await openIndexedDbBills()).start();
}

void boot();
