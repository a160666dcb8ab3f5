import type { PublicDraw } from './raffle.contract.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The public draw page: everything needed to re-run the draw, and the server's own re-run (verifyDraw). */
export function renderDrawPage(d: PublicDraw): string {
  const winners = d.prizes
    .map(
      (p) =>
        `<li>${escapeHtml(p.title)}: ${p.winningNumber ?? '—'}${p.winningOrderId ? ` (order ${escapeHtml(p.winningOrderId)})` : ''}</li>`,
    )
    .join('');
  const verdict =
    d.verified === null
      ? 'Not drawn yet.'
      : d.verified
        ? 'Re-run here: the winners match.'
        : 'Re-run here: MISMATCH.';
  const ledger = d.ledger.map((e) => `${e.number}:${escapeHtml(e.orderId)}`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(d.title)} — draw</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">
<h1>${escapeHtml(d.title)}</h1><p>Status: ${escapeHtml(d.status)}</p>
<dl><dt>Commitment (sha256 of the seed, published before close)</dt><dd><code>${d.commitment}</code></dd>
<dt>Seed (revealed after the draw)</dt><dd><code>${d.seed ?? 'secret until the draw'}</code></dd>
<dt>Ledger hash</dt><dd><code>${d.ledgerHash ?? '—'}</code></dd></dl>
<h2>Winners</h2><ol>${winners}</ol><p><strong>${verdict}</strong></p>
<h2>Algorithm</h2><p>${escapeHtml(d.algorithm)}</p>
<h2>Ledger (${d.ledger.length} sold tickets)</h2><pre>${ledger}</pre></body></html>`;
}
