import PDFDocument from 'pdfkit';

type Fragment = (this: PdfWithFont, text: string, x: number, y: number, options: object) => void;
interface PdfWithFont extends PDFKit.PDFDocument {
  _fragment: Fragment;
  /** pdfkit's current font: a built-in one (`font` an AFM table) or an embedded one (`font` a fontkit font). */
  _font: { name: string; font: AfmFont | FontkitFont };
}
interface AfmFont {
  glyphsForString(text: string): string[];
}
interface FontkitFont {
  layout(text: string): { glyphs: Array<{ id: number }> };
}

/** One piece of text drawn in a face without a glyph for some of its letters (a box or nothing on paper). */
export interface MissingGlyphs {
  text: string;
  font: string;
  /** How many of its glyphs are the face's `.notdef`. */
  missing: number;
}

/**
 * Runs `draw` (anything that builds PDFs with pdfkit in this thread) and lists each line of text drawn
 * in a face that lacks some of its letters: Devanagari in the built-in Helvetica, or in a face without
 * that script. pdfkit draws each line through `_fragment`; this wraps it, the drawing untouched.
 */
export async function missingGlyphs(draw: () => Promise<unknown>): Promise<MissingGlyphs[]> {
  const proto = PDFDocument.prototype as unknown as PdfWithFont;
  const original = proto._fragment;
  const found: MissingGlyphs[] = [];
  proto._fragment = function (this: PdfWithFont, text, x, y, options) {
    const { font, name } = this._font;
    const missing =
      'layout' in font
        ? font.layout(text).glyphs.filter((g) => g.id === 0).length
        : font.glyphsForString(text).filter((g) => g === '.notdef').length;
    if (missing > 0) found.push({ text, font: name, missing });
    return original.call(this, text, x, y, options);
  };
  try {
    await draw();
  } finally {
    proto._fragment = original;
  }
  return found;
}
