import PDFDocument from 'pdfkit';
import { expect } from 'vitest';

/** One piece of text pdfkit drew: where its ink sits on its page, in points from the top left. */
export interface TextBox {
  doc: number;
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
  pageW: number;
  pageH: number;
  text: string;
}

type Fragment = (this: PdfInternals, text: string, x: number, y: number, options: FragmentOptions) => void;
type FragmentOptions = PDFKit.Mixins.TextOptions & { lineWidth?: number; textWidth?: number };
interface PdfInternals extends PDFKit.PDFDocument {
  _fragment: Fragment;
}

/**
 * Runs `draw` (anything that builds PDFs with pdfkit in this thread) and collects every text fragment
 * pdfkit lays out: its box as pdfkit places it (after alignment; leading and trailing spaces are not
 * ink), its page and its page's size. pdfkit draws each line of text through `_fragment`; this wraps
 * it, the layout itself untouched.
 */
export async function measureText(draw: () => Promise<unknown>): Promise<TextBox[]> {
  const proto = PDFDocument.prototype as unknown as PdfInternals;
  const original = proto._fragment;
  const boxes: TextBox[] = [];
  const docs = new Map<object, { n: number; pages: Map<object, number> }>();
  proto._fragment = function (this: PdfInternals, text, x, y, options) {
    const line = `${text}`.replace(/\n/g, '');
    const ink = line.trim();
    if (ink) {
      let d = docs.get(this);
      if (!d) {
        d = { n: docs.size, pages: new Map() };
        docs.set(this, d);
      }
      if (!d.pages.has(this.page)) d.pages.set(this.page, d.pages.size);
      const align = options.align ?? 'left';
      let left = x;
      if (options.width && align === 'right')
        left += (options.lineWidth ?? 0) - this.widthOfString(line.replace(/\s+$/, ''), options);
      else if (options.width && align === 'center')
        left += (options.lineWidth ?? 0) / 2 - (options.textWidth ?? this.widthOfString(line, options)) / 2;
      const lead = line.length - line.trimStart().length;
      if (lead) left += this.widthOfString(line.slice(0, lead), options);
      boxes.push({
        doc: d.n,
        page: d.pages.get(this.page)!,
        x: left,
        y,
        w: this.widthOfString(ink, options),
        h: this.currentLineHeight(false),
        pageW: this.page.width,
        pageH: this.page.height,
        text: ink,
      });
    }
    return original.call(this, text, x, y, options);
  };
  try {
    await draw();
  } finally {
    proto._fragment = original;
  }
  return boxes;
}

const EPSILON = 0.01;

/** Pairs of boxes whose ink overlaps (same document and page), and boxes that leave their page. */
export function layoutProblems(boxes: TextBox[], options: { minGap?: number } = {}): string[] {
  const gap = options.minGap ?? 0;
  const problems: string[] = [];
  for (const b of boxes)
    if (b.x < -EPSILON || b.y < -EPSILON || b.x + b.w > b.pageW + EPSILON || b.y + b.h > b.pageH + EPSILON)
      problems.push(`"${b.text}" leaves its ${b.pageW.toFixed(0)}×${b.pageH.toFixed(0)} page at ${box(b)}`);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      if (a.doc !== b.doc || a.page !== b.page) continue;
      const across = a.x < b.x + b.w + gap - EPSILON && b.x < a.x + a.w + gap - EPSILON;
      const down = a.y < b.y + b.h - EPSILON && b.y < a.y + a.h - EPSILON;
      if (across && down) problems.push(`"${a.text}" ${box(a)} runs into "${b.text}" ${box(b)}`);
    }
  return problems;
}

const box = (b: TextBox) => `[${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.w.toFixed(1)}×${b.h.toFixed(1)}]`;

/** Asserts a drawing's text neither overlaps (nor comes closer than `minGap` on a line) nor leaves the page. */
export async function expectCleanLayout(
  what: string,
  draw: () => Promise<unknown>,
  options: { minGap?: number } = {},
) {
  const boxes = await measureText(draw);
  expect(boxes.length, `${what}: no text measured`).toBeGreaterThan(0);
  expect(layoutProblems(boxes, options), what).toEqual([]);
}
