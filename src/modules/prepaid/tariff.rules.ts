/**
 * Prepaid tariffs: flat (one tier) or tiered by the kWh already bought this calendar month (never
 * by the meter's balance, the original's bug). Units are whole tenths of a kWh; money is integer
 * minor units. Energy is priced per tier, taxes (basis points) on the energy, then a fixed fee.
 */

/**
 * The tariff categories the console words in every language (`prepaid.options.<category>`); a
 * category is typed freely, and any other reads as typed.
 */
export const TARIFF_CATEGORIES = ['residential', 'institution'] as const;

export interface Tier {
  /** The month's cumulative kWh this tier runs up to; null for the last, open-ended tier. */
  uptoKwh: number | null;
  priceMinorPerKwh: number;
}

export interface TariffTerms {
  tiers: Tier[];
  feeMinor: number;
  taxBasisPoints: number;
}

export interface TierLine {
  tier: number;
  /** Tenths of a kWh bought in this tier. */
  unitsTenths: number;
  priceMinorPerKwh: number;
  energyMinor: number;
}

export interface Quote {
  unitsTenths: number;
  energyMinor: number;
  taxMinor: number;
  feeMinor: number;
  totalMinor: number;
  tiers: TierLine[];
}

/** Problems with a tariff's terms, empty when they are usable. */
export function tariffProblems(t: TariffTerms): string[] {
  const p: string[] = [];
  if (t.tiers.length === 0) p.push('a tariff needs at least one tier');
  t.tiers.forEach((tier, i) => {
    const last = i === t.tiers.length - 1;
    if (!Number.isInteger(tier.priceMinorPerKwh) || tier.priceMinorPerKwh <= 0)
      p.push(`tier ${i + 1}: price must be a positive whole amount`);
    if (last && tier.uptoKwh !== null) p.push('the last tier must be open-ended (uptoKwh null)');
    if (!last && (tier.uptoKwh === null || !Number.isInteger(tier.uptoKwh) || tier.uptoKwh <= 0))
      p.push(`tier ${i + 1}: uptoKwh must be a positive whole number`);
    const prev = i > 0 ? t.tiers[i - 1]!.uptoKwh : 0;
    if (!last && prev !== null && tier.uptoKwh !== null && tier.uptoKwh <= prev)
      p.push(`tier ${i + 1}: uptoKwh must grow from tier to tier`);
  });
  if (!Number.isInteger(t.feeMinor) || t.feeMinor < 0) p.push('fee must be zero or more');
  if (!Number.isInteger(t.taxBasisPoints) || t.taxBasisPoints < 0 || t.taxBasisPoints > 10_000)
    p.push('tax must be 0 to 10000 basis points');
  return p;
}

/** Room left in each tier (tenths of kWh) for a meter that already bought `monthTenths` this month. */
function tierRoom(t: TariffTerms, monthTenths: number): number[] {
  let from = 0;
  return t.tiers.map((tier) => {
    const to = tier.uptoKwh === null ? Number.POSITIVE_INFINITY : tier.uptoKwh * 10;
    const room = Math.max(0, to - Math.max(from, monthTenths));
    from = to;
    return room;
  });
}

const taxOn = (energyMinor: number, bp: number) => Math.ceil((energyMinor * bp) / 10_000);

function priced(t: TariffTerms, lines: TierLine[]): Quote {
  const unitsTenths = lines.reduce((s, l) => s + l.unitsTenths, 0);
  const energy10 = lines.reduce((s, l) => s + l.unitsTenths * l.priceMinorPerKwh, 0);
  const energyMinor = Math.ceil(energy10 / 10);
  const taxMinor = taxOn(energyMinor, t.taxBasisPoints);
  const feeMinor = unitsTenths > 0 ? t.feeMinor : 0;
  return {
    unitsTenths,
    energyMinor,
    taxMinor,
    feeMinor,
    totalMinor: energyMinor + taxMinor + feeMinor,
    tiers: lines,
  };
}

/** What `unitsTenths` cost for a meter at `monthTenths` this month, tier by tier. */
export function amountForUnits(t: TariffTerms, unitsTenths: number, monthTenths: number): Quote {
  const room = tierRoom(t, monthTenths);
  let left = unitsTenths;
  const lines: TierLine[] = [];
  t.tiers.forEach((tier, i) => {
    const n = Math.min(left, room[i]!);
    if (n <= 0) return;
    left -= n;
    lines.push({ tier: i + 1, unitsTenths: n, priceMinorPerKwh: tier.priceMinorPerKwh, energyMinor: 0 });
  });
  return withLineEnergy(priced(t, lines));
}

/**
 * The most units `amountMinor` buys (whole tenths of a kWh), never costing more than the amount:
 * fee first, then tax, then tiers from where the month stands.
 */
export function unitsForAmount(t: TariffTerms, amountMinor: number, monthTenths: number): Quote {
  const net = amountMinor - t.feeMinor;
  if (net <= 0) return priced(t, []);
  let budget10 = Math.floor((net * 10_000) / (10_000 + t.taxBasisPoints)) * 10;
  const room = tierRoom(t, monthTenths);
  const lines: TierLine[] = [];
  t.tiers.forEach((tier, i) => {
    const n = Math.min(room[i]!, Math.floor(budget10 / tier.priceMinorPerKwh));
    if (n <= 0) return;
    budget10 -= n * tier.priceMinorPerKwh;
    lines.push({ tier: i + 1, unitsTenths: n, priceMinorPerKwh: tier.priceMinorPerKwh, energyMinor: 0 });
  });
  let q = withLineEnergy(priced(t, lines));
  // Rounding up of energy and tax may push a few minor units over: give back a tenth until it fits.
  while (q.totalMinor > amountMinor && q.unitsTenths > 0) {
    const last = lines[lines.length - 1]!;
    last.unitsTenths -= 1;
    if (last.unitsTenths === 0) lines.pop();
    q = withLineEnergy(priced(t, lines));
  }
  return q;
}

/**
 * Each block's energy in whole minor units, adding up to the quote's energy: a block's part rounds
 * down and the last block carries what the rounding up of the whole left over, so the lines a
 * customer is shown always sum to what they pay (issue 41).
 */
function withLineEnergy(q: Quote): Quote {
  const tiers = q.tiers.map((l) => ({
    ...l,
    energyMinor: Math.floor((l.unitsTenths * l.priceMinorPerKwh) / 10),
  }));
  const last = tiers[tiers.length - 1];
  if (last) last.energyMinor += q.energyMinor - tiers.reduce((s, l) => s + l.energyMinor, 0);
  return { ...q, tiers };
}

/**
 * The console's tariff form writes blocks one a line, `<up to kWh> <price per kWh>` and `* <price>`
 * for the open last block (`15 89`, `50 310`, `* 369`); null when a line is not of that form
 * (whether the blocks make a valid tariff is `tariffProblems`'s question).
 */
export function parseTierLines(text: string): Tier[] | null {
  const lines = text
    .split(/[\n;]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const tiers: Tier[] = [];
  for (const line of lines) {
    const m = /^(\*|\d+)\s*(?:kwh)?\s*[@:\s]\s*(\d+)$/i.exec(line);
    if (!m) return null;
    tiers.push({ uptoKwh: m[1] === '*' ? null : Number(m[1]), priceMinorPerKwh: Number(m[2]) });
  }
  return tiers.length ? tiers : null;
}
