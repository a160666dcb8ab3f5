const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` characters, cutting only between graphemes (an emoji, a Devanagari
 * syllable or a flag is never split) and ending with "…". The limit is applied to UTF-16 units, the
 * strictest way the APIs count, so the result fits whether they count units, code points or graphemes.
 */
export function fitText(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  let out = '';
  for (const { segment } of segmenter.segment(clean)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** UTF-8 byte length (Telegram's callback_data limit is in bytes). */
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
