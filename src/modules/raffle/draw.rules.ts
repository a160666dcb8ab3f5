import { createHash, createHmac } from 'node:crypto';

/**
 * The verifiable draw, written so anyone can re-run it:
 *
 * 1. Before selling, the organizer draws a secret 32-byte seed and publishes
 *    `commitment = sha256(seed bytes)` (hex).
 * 2. After close, the ledger is fixed: the sold tickets sorted by number, one line each
 *    `"<number>:<order id>"`, joined by "\n"; `ledgerHash = sha256(ledger text)` (hex).
 * 3. Draw: the stream `HMAC-SHA256(key = seed bytes, message = "<ledgerHash>:<counter>")` for
 *    counter = 0, 1, 2, …; each block's first 6 bytes are a big-endian integer u < 2^48. For the
 *    next prize, with n tickets still in the pool, u is accepted only if u < floor(2^48 / n) * n
 *    (rejection sampling: no modulo bias), and the winner is pool[u mod n]; the winner leaves
 *    the pool (one ticket wins one prize) and the next prize continues with the next counter.
 *
 * The seed is secret until the draw, so nobody can predict winners; the ledger is fixed after close,
 * so the organizer cannot pick a seed for it (the commitment came first).
 */
export const DRAW_ALGORITHM =
  'commitment = sha256(seed); ledger = sold tickets sorted by number as "<number>:<orderId>" joined by "\\n"; ' +
  'ledgerHash = sha256(ledger); for counter = 0,1,2,…: u = first 6 bytes (big-endian) of ' +
  'HMAC-SHA256(key = seed, message = ledgerHash + ":" + counter); with n tickets left, accept u only if ' +
  'u < floor(2^48 / n) * n, then winner = pool[u mod n] (removed from the pool) for the next prize in order.';

const TWO_48 = 2 ** 48;

export interface LedgerEntry {
  number: number;
  orderId: string;
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** sha256 of the seed's bytes, hex: what is published before the draw. */
export function commitmentOf(seedHex: string): string {
  return sha256Hex(Buffer.from(seedHex, 'hex'));
}

/** The ledger text: sold tickets sorted by number, `number:orderId` per line. */
export function ledgerText(entries: ReadonlyArray<LedgerEntry>): string {
  return [...entries]
    .sort((a, b) => a.number - b.number)
    .map((e) => `${e.number}:${e.orderId}`)
    .join('\n');
}

export function ledgerHashOf(entries: ReadonlyArray<LedgerEntry>): string {
  return sha256Hex(ledgerText(entries));
}

/** Winners for `prizes` prizes, in prize order, deterministic in (seed, ledger). */
export function pickWinners(args: {
  seedHex: string;
  ledger: ReadonlyArray<LedgerEntry>;
  prizes: number;
}): LedgerEntry[] {
  const pool = [...args.ledger].sort((a, b) => a.number - b.number);
  const hash = ledgerHashOf(pool);
  const key = Buffer.from(args.seedHex, 'hex');
  const winners: LedgerEntry[] = [];
  let counter = 0;
  while (winners.length < args.prizes && pool.length > 0) {
    const n = pool.length;
    const limit = Math.floor(TWO_48 / n) * n;
    for (;;) {
      const block = createHmac('sha256', key).update(`${hash}:${counter}`).digest();
      counter++;
      const u = block.readUIntBE(0, 6);
      if (u < limit) {
        winners.push(pool.splice(u % n, 1)[0]!);
        break;
      }
    }
  }
  return winners;
}

export interface PublishedDraw {
  commitment: string;
  seed: string;
  ledgerHash: string;
  ledger: ReadonlyArray<LedgerEntry>;
  prizes: number;
  winners: ReadonlyArray<LedgerEntry>;
}

/**
 * Re-runs a published draw: the seed matches the commitment, the ledger matches its hash, and the
 * winners are the ones the algorithm gives. Any tampering shows up as a named problem.
 */
export function verifyDraw(d: PublishedDraw): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  if (!/^[0-9a-f]{64}$/.test(d.seed) || commitmentOf(d.seed) !== d.commitment)
    problems.push('seed_does_not_match_commitment');
  if (ledgerHashOf(d.ledger) !== d.ledgerHash) problems.push('ledger_does_not_match_hash');
  if (problems.length === 0) {
    const expected = pickWinners({ seedHex: d.seed, ledger: d.ledger, prizes: d.prizes });
    const same =
      expected.length === d.winners.length &&
      expected.every((w, i) => w.number === d.winners[i]!.number && w.orderId === d.winners[i]!.orderId);
    if (!same) problems.push('winners_do_not_match');
  }
  return { ok: problems.length === 0, problems };
}
