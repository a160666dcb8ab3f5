import { createI18n, resolveLocale } from '../../core/i18n/index.ts';
import { drawPageCatalog } from './draw-page.catalog.ts';
import type { PublicDraw } from './raffle.contract.ts';

const i18n = createI18n({ catalogs: { 'raffle-draw': drawPageCatalog } });

/** The languages the page speaks, in the order a tie is settled. */
const PAGE_LANGUAGES = Object.keys(drawPageCatalog);

/**
 * The buyer's language: `?lang=` when it is one the page speaks, else the first of the browser's
 * Accept-Language it speaks (weights respected), else English.
 */
export function drawPageLanguage(lang: string | undefined, acceptLanguage: string | undefined): string {
  const spoken = (tag: string | undefined) => {
    const l = resolveLocale(tag);
    return PAGE_LANGUAGES.includes(l) && (tag ?? '').trim().toLowerCase().startsWith(l) ? l : null;
  };
  const asked = spoken(lang);
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const l = spoken(tag);
    if (l) return l;
  }
  return 'en';
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The public draw page: everything needed to re-run the draw, and the server's own re-run (verifyDraw). */
export function renderDrawPage(d: PublicDraw, lang = 'en'): string {
  const t = (key: string, params?: Record<string, unknown>) =>
    escapeHtml(i18n.t(lang, `raffle-draw:${key}`, params));
  const winners = d.prizes
    .map(
      (p) =>
        `<li>${escapeHtml(p.title)}: <strong>${p.winningNumber ?? '—'}</strong>${p.winningOrderId ? ` (${t('order', { id: p.winningOrderId })})` : ''}</li>`,
    )
    .join('');
  const verdict = d.verified === null ? t('not_drawn') : d.verified ? t('match') : t('mismatch');
  const ledger = d.ledger.map((e) => `${e.number}:${escapeHtml(e.orderId)}`).join('\n');
  const status = i18n.t(lang, `raffle-draw:statuses.${d.status}`, { defaultValue: d.status });
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${t('title', { title: d.title })}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">
<h1>${escapeHtml(d.title)}</h1><p>${t('status', { status })}</p>
<dl><dt>${t('commitment')}</dt><dd><code>${d.commitment}</code></dd>
<dt>${t('seed')}</dt><dd><code>${d.seed ?? t('seed_secret')}</code></dd>
<dt>${t('ledger_hash')}</dt><dd><code>${d.ledgerHash ?? '—'}</code></dd></dl>
<h2>${t('winners')}</h2><ol>${winners}</ol><p><strong>${verdict}</strong></p>
<h2>${t('algorithm')}</h2><p>${t('algorithm_intro')}</p><p><code>${escapeHtml(d.algorithm)}</code></p>
<h2>${t('ledger', { count: d.ledger.length })}</h2><pre style="white-space:pre-wrap">${ledger}</pre></body></html>`;
}
