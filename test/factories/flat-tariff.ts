/**
 * The tariff most prepaid tests sell on, as the API takes it (`POST /api/prepaid/tariffs`): residential,
 * RWF 1.00 a kWh flat, no fee or tax, in force since 2020. A file of its own, importing nothing: the
 * built-server files (test/built, test/ha) send it without loading the sources.
 */
export const FLAT_TARIFF = {
  category: 'residential',
  currency: 'RWF',
  tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
  feeMinor: 0,
  taxBasisPoints: 0,
  effectiveFrom: '2020-01-01T00:00:00Z',
} as const;
