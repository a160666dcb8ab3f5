/**
 * Words people put in secrets, keyboard rows, and the calendar (seasons, months, days: `Summer2026!`):
 * inside a key, each costs a guesser a few bits, not a few per letter.
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
  'hello',
  'love',
  'pass',
  'company',
  'office',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
/** What naming one guessable word costs: its place in a list of a few thousand. */
const WORD_BITS = 12;
/** What naming a year costs: 1900–2099. */
const YEAR_BITS = 8;
/** A character that continues a run (aaa, abc, 987): next to nothing. */
const STEP_BITS = 1;
/** Where a word or a passphrase's word is capitalized: which of its letters is upper case, roughly. */
const CAPITAL_BITS = 1;

/**
 * Passphrases (`correcthorsebatterystaple`, `correct-horse-battery-staple`): words of a list each cost a
 * guesser WORD_BITS, and such a list's words run about six letters, so a stretch of letters that reads
 * as words is charged two bits a letter instead of the alphabet's five or six. No word list is shipped
 * (zxcvbn's dictionaries are megabytes, and even a hand list of the few thousand most common words would
 * outweigh this file many times over, for one check at start-up): "reads as words" is told by the
 * pairs of letters, 400 characters. These are the 200 pairs most frequent inside English words (Debian's
 * wamerican list, words of 3–9 letters): 89% of the pairs in such words, 30% of the 676 possible. A
 * stretch of at least PHRASE_MIN_LETTERS letters shaped like words (lower case, a capital only first in
 * a word, words maybe parted by one of ` -_.`) of whose pairs PHRASE_COMMON_SHARE or more are among them
 * is taken for words: four words of that list joined are, 97 times in 100 (xkcd's four: 22 pairs of
 * 24); a random stretch of 12 lower-case letters is, about once in 80 (a few bits lost of the many such
 * a key has), and a whole random key of 32 lower-case letters only, under once in 10,000 (refused then:
 * the message asks for base64, whose letters seldom run long in one shape).
 */
const COMMON_PAIRS = new Set(
  (
    'abacadagaialamanaparasatauavaybabebiblbobrbucacechcickclcocrctcudadedidldodrdsdueaecedeeefelemen' +
    'eperesetevexfafefffiflfofugageggghgiglgogrgshahehihoiaicidieifigiliminioipirisitivizkekikslaleli' +
    'lllolslulymambmemimompmunancndnengninknnnonsntoaobocodogoiolomonoooporosotouovowpapepiplpoppprps' +
    'puqurardrerirmrnrorrrsrtrurysascseshsislsmsospssstsutatethtitltotrtstttutyucudueuiulumunupurusut' +
    'vaveviwawewiwoze'
  ).match(/../g),
);
const PHRASE_LETTER_BITS = WORD_BITS / 6;
const PHRASE_MIN_LETTERS = 10;
const PHRASE_COMMON_SHARE = 0.7;
/** What may part a passphrase's words (and, used again, costs next to nothing). */
const SEPARATORS = ' -_.';
/** The search below is quadratic in the key: a longer key is judged on its first characters. */
const MAX_JUDGED = 256;

/**
 * Bits of randomness a secret shows to a guesser who knows how people make them up: the cheapest way
 * to spell the key out, where each character costs the log of its alphabet (the character classes the
 * key uses), unless it is cheaper to say otherwise: a guessable word or keyboard row (at any case), a
 * year, a stretch of letters that reads as words (a passphrase), a repeat of an earlier part (where it
 * was and how long: `Summer2026!` × 3 costs one `Summer2026!` and a few bits), or the next step of a
 * run (`aaaa`, `abcd`, `0123`, `9876`).
 * At the least (100,000 tries each) about 110 for 32 random hex characters, 140 for 32 of base64, 200
 * for `openssl rand -base64 32` and 260 for 64 hex characters;
 * `password` × 4 is about 20, `a`–`z` then `0`–`9` about 50, `Summer2026!` × 3 about 35 and
 * `correcthorsebatterystaple2026opsdesk` about 70. The key is read once at start-up.
 */
export function estimateBits(secret: string): number {
  const chars = [...secret].slice(0, MAX_JUDGED);
  const literal = Math.log2(alphabetOf(chars));
  // best[i]: the cheapest spelling of chars[i…]; filled from the end.
  const best: number[] = new Array(chars.length + 1).fill(0);
  for (let i = chars.length - 1; i >= 0; i--) {
    let bits = literal + best[i + 1]!;
    if (continuesRun(chars, i)) bits = Math.min(bits, STEP_BITS + best[i + 1]!);
    for (const word of GUESSABLE)
      if (spellsAt(chars, word, i))
        bits = Math.min(bits, WORD_BITS + capitalBits(chars, i, word.length) + best[i + word.length]!);
    if (isYearAt(chars, i)) bits = Math.min(bits, YEAR_BITS + best[i + 4]!);
    const repeat = longestEarlierMatch(chars, i);
    if (repeat >= 3) bits = Math.min(bits, Math.log2(i) + Math.log2(repeat) + best[i + repeat]!);
    const phrase = phraseAt(chars, i);
    if (phrase) bits = Math.min(bits, phrase.bits + best[phrase.end]!);
    if (SEPARATORS.includes(chars[i]!) && chars.indexOf(chars[i]!) < i)
      bits = Math.min(bits, STEP_BITS + best[i + 1]!);
    best[i] = bits;
  }
  return best[0]!;
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

/** Whether `word` (lower case) is spelled at `at`, at any case. */
function spellsAt(chars: ReadonlyArray<string>, word: string, at: number): boolean {
  if (at + word.length > chars.length) return false;
  for (let k = 0; k < word.length; k++) if (chars[at + k]!.toLowerCase() !== word[k]) return false;
  return true;
}

const capitalBits = (chars: ReadonlyArray<string>, from: number, length: number) =>
  chars.slice(from, from + length).some((c) => /[A-Z]/.test(c)) ? CAPITAL_BITS : 0;

/** `19xx` or `20xx` at `at`. */
const isYearAt = (chars: ReadonlyArray<string>, at: number) =>
  /^(?:19|20)\d\d$/.test(chars.slice(at, at + 4).join(''));

const isLower = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const isUpper = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';

/**
 * The stretch shaped like words that starts where a stretch of letters does, at `from`, if it reads
 * as words (see COMMON_PAIRS): where it ends and what it costs (two bits a letter, one a capital or a
 * separator).
 */
function phraseAt(chars: ReadonlyArray<string>, from: number): { end: number; bits: number } | undefined {
  if (isLower(chars[from - 1]) || isUpper(chars[from - 1])) return undefined;
  let letters = 0;
  let marks = 0;
  let pairs = 0;
  let common = 0;
  let end = from;
  for (; end < chars.length; end++) {
    const c = chars[end]!;
    const before = chars[end - 1];
    const after = chars[end + 1];
    const partsWords =
      SEPARATORS.includes(c) && end > from && isLower(before) && /[a-zA-Z]/.test(after ?? '');
    const capital = isUpper(c) && isLower(after) && (end === from || !isUpper(before));
    if (!isLower(c) && !capital && !partsWords) break;
    if (partsWords || capital) marks++;
    if (partsWords) continue;
    letters++;
    if (end > from && !SEPARATORS.includes(before!)) {
      pairs++;
      if (COMMON_PAIRS.has(`${before}${c}`.toLowerCase())) common++;
    }
  }
  if (letters < PHRASE_MIN_LETTERS || common < PHRASE_COMMON_SHARE * pairs) return undefined;
  return { end, bits: letters * PHRASE_LETTER_BITS + marks };
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
