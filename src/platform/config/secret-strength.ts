/**
 * Words people put in secrets, and keyboard rows: inside a key, each costs a guesser a few bits, not
 * a few per letter.
 */
const GUESSABLE = [
  'password',
  'passwort',
  'secret',
  'opsdesk',
  'admin',
  'changeme',
  'letmein',
  'welcome',
  'default',
  'master',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'azertyuiop',
  'qwertzuiop',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'trustno1',
  'production',
  'prod',
  'server',
  'token',
  'key',
  'test',
  'demo',
];
/** What naming one guessable word costs: its place in a list of a few thousand. */
const WORD_BITS = 12;
/** A character that continues a run (aaa, abc, 987): next to nothing. */
const STEP_BITS = 1;

/**
 * Bits of randomness a secret shows to a guesser who knows how people make them up: each character
 * costs the log of its alphabet (the character classes the key uses), except where it is cheaper
 * to say otherwise: a guessable word or keyboard row (at any case), a repeat of an earlier part
 * (where it was and how long), or the next step of a run (`aaaa`, `abcd`, `0123`, `9876`).
 * At least 130 for 32 random hex characters and 175 for 32 of base64 (20,000 tries each);
 * `password` × 4 is about 20, `a`–`z` then `0`–`9` about 50. The key is read once at start-up: the
 * search is quadratic and the key short.
 */
export function estimateBits(secret: string): number {
  const chars = [...secret];
  const lower = chars.map((c) => c.toLowerCase()).join('');
  const literal = Math.log2(alphabetOf(chars));
  let bits = 0;
  let i = 0;
  while (i < chars.length) {
    const word = GUESSABLE.filter((w) => lower.startsWith(w, i)).sort((a, b) => b.length - a.length)[0];
    const repeat = longestEarlierMatch(chars, i);
    if (word && word.length >= Math.max(repeat, 3) && WORD_BITS < word.length * literal) {
      bits += WORD_BITS;
      i += word.length;
    } else if (repeat >= 3) {
      bits += Math.log2(i) + Math.log2(repeat);
      i += repeat;
    } else if (continuesRun(chars, i)) {
      bits += STEP_BITS;
      i += 1;
    } else {
      bits += literal;
      i += 1;
    }
  }
  return bits;
}

/** How many characters the classes a key uses hold: lower, upper, digits, other printable ASCII, beyond. */
function alphabetOf(chars: ReadonlyArray<string>): number {
  let size = 0;
  if (chars.some((c) => /[a-z]/.test(c))) size += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) size += 26;
  if (chars.some((c) => /[0-9]/.test(c))) size += 10;
  if (chars.some((c) => /[!-/:-@[-`{-~]/.test(c))) size += 32;
  if (chars.some((c) => c > '~' || c < ' ')) size += 100;
  return Math.max(size, 2);
}

/** The longest run from `at` that already appeared before it (it may overlap itself: `abab…`). */
function longestEarlierMatch(chars: ReadonlyArray<string>, at: number): number {
  let best = 0;
  for (let from = 0; from < at; from++) {
    let n = 0;
    while (at + n < chars.length && chars[from + n] === chars[at + n]) n++;
    best = Math.max(best, n);
  }
  return best;
}

/** Whether `chars[at]` takes the same step (0 or ±1) from the one before as that one took. */
function continuesRun(chars: ReadonlyArray<string>, at: number): boolean {
  if (at < 2) return false;
  const code = (k: number) => chars[k]!.codePointAt(0)!;
  const step = code(at - 1) - code(at - 2);
  return Math.abs(step) <= 1 && code(at) - code(at - 1) === step;
}

/** The least a production secret key must show: far below any random key of the minimum length. */
export const MIN_SECRET_BITS = 80;
