import { createI18n, resolveLocale } from '../../core/i18n/index.ts';
import { drawPageCatalog } from './draw-page.catalog.ts';
import { DRAW_PAGE_STYLES } from './draw-page.styles.ts';
import type { PublicDraw } from './raffle.contract.ts';

const i18n = createI18n({ catalogs: { 'raffle-draw': drawPageCatalog } });

/** The languages the page speaks (every language the server speaks), in the order a tie is settled. */
export const DRAW_PAGE_LANGUAGES = Object.keys(drawPageCatalog);

/**
 * The page's language: `?lang=` when it is one the page speaks (each language is a link on the
 * page), else the raffle's own (its organization's first language: a raffle in Asunción opens in
 * Spanish on a tourist's phone too, issue 54 item 18), else the first of the browser's
 * Accept-Language the page speaks (weights respected), else English.
 */
export function drawPageLanguage(
  lang: string | undefined,
  acceptLanguage: string | undefined,
  raffleLanguage?: string,
): string {
  const spoken = (tag: string | undefined) => {
    const l = resolveLocale(tag);
    return DRAW_PAGE_LANGUAGES.includes(l) && (tag ?? '').trim().toLowerCase().startsWith(l) ? l : null;
  };
  const asked = spoken(lang);
  if (asked) return asked;
  const raffles = spoken(raffleLanguage);
  if (raffles) return raffles;
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
  return spoken(raffleLanguage) ?? 'en';
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The public draw page, styled as the prepaid portal is (its colours, header bar and panels, one
 * column for a phone), in the page's language: the winners by ticket and first name, the sold
 * numbers, the server's own re-run of the draw (verifyDraw) and, folded, everything needed to
 * re-run it elsewhere (commitment, seed, ledger hash, the ledger itself and the formula).
 */
export function renderDrawPage(d: PublicDraw, lang = 'en'): string {
  const t = (key: string, params?: Record<string, unknown>) =>
    escapeHtml(i18n.t(lang, `raffle-draw:${key}`, params));
  const status = escapeHtml(i18n.t(lang, `raffle-draw:statuses.${d.status}`, { defaultValue: d.status }));
  const languages = DRAW_PAGE_LANGUAGES.map((l) =>
    l === lang
      ? `<strong aria-current="true">${escapeHtml(i18n.t(l, 'raffle-draw:language_name'))}</strong>`
      : `<a href="?lang=${l}" lang="${l}" hreflang="${l}">${escapeHtml(i18n.t(l, 'raffle-draw:language_name'))}</a>`,
  ).join('');
  const verdict =
    d.verified === null
      ? d.status === 'drawn'
        ? `<p class="notice">${t('recorded')}</p><p class="muted">${t('recorded_hint')}</p>`
        : `<p class="notice">${t('not_drawn')}</p><p class="muted">${t('not_drawn_hint')}</p>`
      : d.verified
        ? `<p class="notice ok" data-verdict="match">✓ ${t('match')}</p>`
        : `<p class="notice no" data-verdict="mismatch">✗ ${t('mismatch')}</p>`;
  const winners = d.prizes
    .map(
      (p) => `<li class="card prize">
<span class="prize-title">${escapeHtml(p.title)}</span>
<span class="ticket">${p.winningNumber === null ? '—' : t('ticket', { number: p.winningNumber })}</span>
${p.winner ? `<span class="muted">${escapeHtml(p.winner)}</span>` : ''}</li>`,
    )
    .join('');
  const sold = d.ledger.map((e) => `<li>${e.number}</li>`).join('');
  const ledger = d.ledger.map((e) => `${e.number}:${escapeHtml(e.orderId)}`).join('\n');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<title>${t('title', { title: d.title })}</title>
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="theme-color" content="#14532d"><meta name="color-scheme" content="light dark">
<style>${DRAW_PAGE_STYLES}</style></head>
<body>
<header class="top"><strong>${escapeHtml(d.title)}</strong>
<nav class="langs" aria-label="${t('languages')}">${languages}</nav></header>
<main>
<section class="panel"><h1>${escapeHtml(d.title)}</h1>
<p><span class="chip" data-status="${escapeHtml(d.status)}">${t('status', { status })}</span></p>
${verdict}</section>
<section class="panel"><h2>${t('winners')}</h2><ol class="prizes">${winners}</ol></section>
${d.ledger.length ? `<section class="panel"><h2>${t('sold', { count: d.ledger.length })}</h2><ul class="numbers">${sold}</ul></section>` : ''}
<section class="panel"><h2>${t('check')}</h2><p class="muted">${t('algorithm_intro')}</p>
<dl><dt>${t('commitment')}</dt><dd><code>${escapeHtml(d.commitment)}</code></dd>
<dt>${t('seed')}</dt><dd><code>${d.seed ? escapeHtml(d.seed) : t('seed_secret')}</code></dd>
<dt>${t('ledger_hash')}</dt><dd><code>${d.ledgerHash ? escapeHtml(d.ledgerHash) : '—'}</code></dd></dl>
<details><summary>${t('algorithm')}</summary><p><code>${escapeHtml(d.algorithm)}</code></p></details>
${d.ledger.length ? `<details><summary>${t('ledger', { count: d.ledger.length })}</summary><p class="muted">${t('ledger_hint')}</p><pre>${ledger}</pre></details>` : ''}
<p><a class="link-dark" href="?format=json">${t('download')}</a></p></section>
</main></body></html>`;
}
