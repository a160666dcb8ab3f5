import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ScriptRun, scriptRuns } from './script-runs.ts';

/** The part of a pdfkit document this needs (so callers keep their own pdfkit import). */
interface PdfDoc {
  registerFont(name: string, src: string): unknown;
  font(name: string): PdfDoc;
  text(text: string, x?: number | object, y?: number | object, options?: object): PdfDoc;
}

export type Weight = 'regular' | 'bold';

/**
 * Noto Sans Devanagari as the npm package `@fontsource/noto-sans-devanagari` ships it (the same
 * files the console bundles): one face with Devanagari, one with Latin, per weight. PDFs embed
 * them, so a Hindi report reads the same on any machine, whatever fonts it has installed.
 */
function fontFile(script: ScriptRun['script'], weight: Weight): string {
  const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-devanagari/package.json');
  const subset = script === 'devanagari' ? 'devanagari' : 'latin';
  return join(
    dirname(pkg),
    'files',
    `noto-sans-devanagari-${subset}-${weight === 'bold' ? 600 : 400}-normal.woff`,
  );
}

const fontName = (script: ScriptRun['script'], weight: Weight) => `opsdesk-${script}-${weight}`;

/**
 * Registers the bundled faces on a document; `write` then draws text in them, each run of
 * Devanagari or Latin in the face that has its glyphs (fontkit shapes the conjuncts and matras).
 */
export function scriptFonts(doc: PdfDoc) {
  for (const script of ['devanagari', 'latin'] as const)
    for (const weight of ['regular', 'bold'] as const)
      doc.registerFont(fontName(script, weight), fontFile(script, weight));
  return {
    /** `doc.text` for text in any mix of the two scripts; options as pdfkit's own. */
    write(text: string, weight: Weight, x?: number, y?: number, options: Record<string, unknown> = {}): void {
      const runs = scriptRuns(text);
      if (runs.length === 0) {
        doc.font(fontName('latin', weight)).text('', x, y, options);
        return;
      }
      runs.forEach((run, i) => {
        const last = i === runs.length - 1;
        doc.font(fontName(run.script, weight));
        if (i === 0) doc.text(run.text, x, y, { ...options, continued: !last });
        else doc.text(run.text, { ...options, continued: !last });
      });
    },
    /** Selects the Latin face (for text drawn without `write`: digits, dates). */
    latin(weight: Weight = 'regular'): void {
      doc.font(fontName('latin', weight));
    },
  };
}
