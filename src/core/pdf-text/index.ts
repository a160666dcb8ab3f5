/**
 * Text in generated PDFs (reports, pass sheets) in every language the modules speak: Latin and
 * Devanagari from the bundled Noto Sans Devanagari faces, split into runs per script.
 */
export { newPdfDocument } from './pdf-document.ts';
export { scriptFonts, type Weight } from './pdf-fonts.ts';
export { recordedScriptFonts } from './recorded-script-fonts.ts';
export { type ScriptRun, scriptRuns } from './script-runs.ts';
