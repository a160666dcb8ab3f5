import { DRAW_PAGE_FONT_FACES } from './draw-page.fonts.ts';

/**
 * The public draw page's look: the prepaid portal's (web/portal/src/styles.css) colours, header
 * bar, panels and one phone-wide column, so the public pages of Opsdesk read as one family; like the
 * portal it turns dark with the reader's `prefers-color-scheme` (issue 54 item 21, same palette).
 * Inline in the page (the server's CSP allows inline styles, never inline scripts; the page has none).
 * Devanagari comes from the page's own font files (draw-page.fonts.ts), whatever the phone has: that
 * face comes first and covers Devanagari only, so Latin text falls through to the phone's font.
 */
export const DRAW_PAGE_STYLES = `
${DRAW_PAGE_FONT_FACES}
:root{color-scheme:light dark;--brand:#14532d;--accent:#14532d;--brand-light:#dcfce7;--no:#b3261e;--no-light:#fde8e7;--bg:#f4f5f2;--fg:#1b1c1a;--muted:#5b5f58;--surface:#fff;--line:#e2e4df;--shadow:#0000001f;
font-family:"Noto Sans Devanagari",system-ui,-apple-system,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg);font-size:16px}
@media (prefers-color-scheme:dark){:root{--accent:#86efac;--brand-light:#14301f;--no:#ffb4ab;--no-light:#4a1512;--bg:#121512;--fg:#e6e8e3;--muted:#a9aea7;--surface:#1c201c;--line:#343a34;--shadow:#00000080}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh}
.top{display:flex;align-items:center;justify-content:space-between;flex-wrap:wrap;gap:8px;padding:10px 14px;background:var(--brand);color:#fff;position:sticky;top:0;z-index:2}
.langs{display:flex;flex-wrap:wrap;gap:10px;font-size:14px}
.langs a{color:#fff}
.langs strong{text-decoration:underline;text-underline-offset:4px}
main{max-width:560px;margin:0 auto;padding:12px}
.panel{background:var(--surface);border-radius:12px;padding:16px;margin-bottom:12px;box-shadow:0 1px 3px var(--shadow)}
h1{font-size:22px;margin:0 0 8px}
h2{font-size:18px;margin:0 0 8px}
.muted{color:var(--muted)}
.chip{display:inline-block;border-radius:999px;padding:2px 10px;background:var(--brand-light);color:var(--accent);font-weight:600;font-size:14px}
.notice{background:var(--brand-light);border-radius:8px;padding:10px 12px;font-weight:600}
.notice.no{background:var(--no-light);color:var(--no)}
.prizes{list-style:none;margin:0;padding:0}
.card{border:1px solid var(--line);border-radius:10px;padding:12px;margin:10px 0}
.prize{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:4px 12px}
.prize-title{font-weight:600}
.ticket{font-size:22px;font-weight:700;color:var(--accent)}
.numbers{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(48px,1fr));gap:4px}
.numbers li{background:var(--brand-light);border-radius:6px;text-align:center;padding:6px 0;font-variant-numeric:tabular-nums}
dt{font-weight:600;margin-top:10px}
dd{margin:2px 0 0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;overflow-wrap:anywhere}
pre{white-space:pre-wrap;background:var(--bg);border-radius:8px;padding:10px;max-height:20rem;overflow:auto}
details{margin-top:12px}
summary{cursor:pointer;color:var(--accent);font-weight:600}
.link-dark{color:var(--accent)}
`;
