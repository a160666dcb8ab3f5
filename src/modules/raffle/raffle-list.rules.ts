/*
 * The rows of the bot's raffle list (issue 40, item 15). WhatsApp shows a list row's title in at most
 * 24 characters: long titles of one organization often share their start ("Rifa Navideña del Club
 * …"), and cut at the end they read alike. Pure: the flow passes the titles and the room left.
 */

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string): string[] => Array.from(segmenter.segment(text.trim()), (s) => s.segment);
const width = (parts: readonly string[]): number => parts.reduce((n, p) => n + p.length, 0);

/** The first graphemes of `parts` that fit `room` characters (UTF-16 units, as Meta counts). */
function head(parts: readonly string[], room: number): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (width(out) + p.length > room) break;
    out.push(p);
  }
  return out;
}

/** Graphemes of `parts` from `start` that fit `room` characters. */
const headFrom = (parts: readonly string[], start: number, room: number) => head(parts.slice(start), room);

/** Where two titles first differ (their common start, in graphemes). */
function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
  return i;
}

/** A title cut at its end: `Rifa Navideña del Club D…`. */
function cutAtEnd(parts: readonly string[], room: number): string {
  if (width(parts) <= room) return parts.join('');
  return `${head(parts, room - ELLIPSIS.length)
    .join('')
    .trimEnd()}${ELLIPSIS}`;
}

/**
 * A title that shows where it differs from its look-alikes: the part from the word where it differs
 * (`…Deportivo B`, `…Club A de la E…`), and as much of its start as still fits before it.
 */
function cutAround(parts: readonly string[], difference: number, room: number): string {
  const minHead = Math.min(4, difference);
  const left = room - minHead - ELLIPSIS.length;
  // From the start of a word as early as still shows the difference (and an ellipsis after it).
  const wordStarts = parts.flatMap((p, i) => (i > 0 && /\s/.test(parts[i - 1]!) && !/\s/.test(p) ? [i] : []));
  const from =
    wordStarts.find(
      (i) =>
        i >= minHead && i <= difference && width(parts.slice(i, difference + 1)) <= left - ELLIPSIS.length,
    ) ?? Math.max(minHead, difference - 3);
  const rest = parts.slice(from);
  const tail =
    width(rest) <= left
      ? rest.join('').trimStart()
      : `${headFrom(parts, from, left - ELLIPSIS.length)
          .join('')
          .trim()}${ELLIPSIS}`;
  const start = head(parts.slice(0, from), room - tail.length - ELLIPSIS.length);
  return `${start.join('').trimEnd()}${ELLIPSIS}${tail}`;
}

/**
 * Each title in at most `room` characters, cut so that different titles stay different: at the end
 * when that keeps them apart, else around where they differ. Titles that are the same stay the same
 * (the row's number and its description tell those apart).
 */
export function listRowTitles(titles: readonly string[], room: number): string[] {
  const parts = titles.map(graphemes);
  const short = parts.map((p) => cutAtEnd(p, room));
  return short.map((title, i) => {
    const alike = short.flatMap((other, j) => (j !== i && other === title ? [j] : []));
    if (alike.length === 0 || width(parts[i]!) <= room) return title;
    const difference = Math.max(...alike.map((j) => firstDifference(parts[i]!, parts[j]!)));
    if (difference >= parts[i]!.length) return title;
    return cutAround(parts[i]!, difference, room);
  });
}

/** Whether `listRowTitles` had to cut this title (the row's description then carries it whole). */
export const isCut = (title: string, room: number): boolean => title.trim().length > room;
