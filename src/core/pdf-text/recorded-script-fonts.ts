import type { PdfCall } from '../../platform/render/index.ts';
import { scriptFonts } from './pdf-fonts.ts';

/**
 * `scriptFonts` for a PDF drawn on a render thread (`platform/render`): registering the bundled faces,
 * and each run's font and text, are appended to `calls` as drawing calls the thread replays. So a
 * statement worded in Hindi draws its Devanagari in a face that has it, as the in-process PDFs do.
 */
export function recordedScriptFonts(calls: PdfCall[]): ReturnType<typeof scriptFonts> {
  const recorder = {
    registerFont(name: string, src: string) {
      calls.push(['registerFont', name, src]);
      return recorder;
    },
    font(name: string) {
      calls.push(['font', name]);
      return recorder;
    },
    text(text: string, x?: number | object, y?: number | object, options: object = {}) {
      // pdfkit reads `text(t, undefined, undefined, options)` without its options (x defaults to `{}`).
      if (typeof x === 'object') calls.push(['text', text, x]);
      else if (x == null && y == null) calls.push(['text', text, options]);
      else calls.push(['text', text, x, y, options]);
      return recorder;
    },
  };
  return scriptFonts(recorder);
}
