/**
 * Uniform random picks of free tickets without reading every free ticket.
 *
 * Why not `order by random() limit n for update skip locked`: it scans and sorts every free row,
 * and `skip locked` silently drops tickets that a concurrent transaction has locked but may still
 * release, so under load the pick is biased toward numbers nobody else is touching.
 *
 * Instead: walk a uniformly random permutation of the whole number range (a sparse Fisher–Yates,
 * so only the visited positions are stored) in batches, ask the database which candidates are free,
 * and keep the first k free ones in permutation order. In a uniform permutation the free numbers
 * appear in uniform random order, so the first k of them are a uniform k-subset of the free set.
 * When free tickets are scarce (few found after a few batches) we fall back to ranks: count the
 * free tickets F, draw k distinct ranks uniformly from [0, F) and fetch the numbers at those ranks
 * (one index scan in the database, k rows back). Both branches are uniform, so their mixture is.
 * The pick is then taken under row locks like a specific pick; if a concurrent buyer took one of
 * the numbers in between, the whole pick is drawn again (rejection, which keeps it uniform).
 */
export interface FreeTicketLookup {
  /** Which of these numbers are free now. */
  freeAmong(numbers: number[]): Promise<number[]>;
  countFree(): Promise<number>;
  /** The free numbers at these 0-based ranks of the ascending free list. */
  freeAtRanks(ranks: number[]): Promise<number[]>;
}

/** An integer in [0, bound), uniform (node's `crypto.randomInt` in production). */
export type RandomInt = (bound: number) => number;

/** A lazily drawn uniform permutation of 0..n-1 (sparse Fisher–Yates). */
export function lazyPermutation(n: number, randomInt: RandomInt) {
  const swapped = new Map<number, number>();
  let i = 0;
  return {
    next(): number | undefined {
      if (i >= n) return undefined;
      const j = i + randomInt(n - i);
      const atJ = swapped.get(j) ?? j;
      swapped.set(j, swapped.get(i) ?? i);
      i++;
      return atJ;
    },
    get remaining() {
      return n - i;
    },
  };
}

/** k distinct values of [0, n), uniform. */
export function distinctRanks(n: number, k: number, randomInt: RandomInt): number[] {
  const p = lazyPermutation(n, randomInt);
  return Array.from({ length: k }, () => p.next()!);
}

/**
 * A uniform random k-subset of the free numbers in [min, max], or null when fewer than k are free.
 * Costs O(k) candidate lookups while free tickets are plentiful.
 */
export async function sampleFreeNumbers(args: {
  min: number;
  max: number;
  k: number;
  lookup: FreeTicketLookup;
  randomInt: RandomInt;
  batchRounds?: number;
}): Promise<number[] | null> {
  const { min, k, lookup, randomInt } = args;
  const size = args.max - min + 1;
  if (k > size) return null;
  const perm = lazyPermutation(size, randomInt);
  const picked: number[] = [];
  const rounds = args.batchRounds ?? 3;
  for (let round = 0; round < rounds && perm.remaining > 0; round++) {
    const batch: number[] = [];
    const want = Math.max(16, 2 * k) * 2 ** round;
    while (batch.length < want && perm.remaining > 0) batch.push(min + perm.next()!);
    const free = new Set(await lookup.freeAmong(batch));
    for (const n of batch) {
      if (!free.has(n)) continue;
      picked.push(n);
      if (picked.length === k) return picked;
    }
  }
  const total = await lookup.countFree();
  if (total < k) return null;
  return lookup.freeAtRanks(distinctRanks(total, k, randomInt));
}
