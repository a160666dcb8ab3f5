/** A piece of text written in one font: Devanagari, or everything else (Latin, digits, signs). */
export interface ScriptRun {
  script: 'devanagari' | 'latin';
  text: string;
}

// Devanagari, Vedic extensions, ZWNJ/ZWJ (they join conjuncts), the rupee sign, Devanagari Extended:
// the ranges the bundled Devanagari face covers (@fontsource's `devanagari` subset).
const DEVANAGARI = /[\u0900-\u097F\u1CD0-\u1CF9\u20A8\u20B9\uA830-\uA839\uA8E0-\uA8FF]|\u200C|\u200D/;
// Spaces, which both faces draw: they stay in the run they are in, so a Hindi phrase is one run.
// Punctuation is not neutral: the Devanagari face has no comma or colon.
const NEUTRAL = /\s/;

/**
 * Splits text into runs a font each can draw: the bundled Devanagari face has no Latin letters and
 * the Latin face no Devanagari, so "रोल HI22017" is two runs. Neutral characters join the run
 * before them; a leading one joins the first run.
 */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let pending = '';
  for (const ch of text) {
    if (NEUTRAL.test(ch)) {
      if (runs.length) runs[runs.length - 1]!.text += ch;
      else pending += ch;
      continue;
    }
    const script = DEVANAGARI.test(ch) ? 'devanagari' : 'latin';
    const last = runs[runs.length - 1];
    if (last?.script === script) last.text += ch;
    else runs.push({ script, text: pending + ch });
    pending = '';
  }
  if (pending) runs.push({ script: 'latin', text: pending });
  return runs;
}
