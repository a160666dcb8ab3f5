import { FieldProblem, type ImportFlag } from '../../../core/imports/index.ts';

/**
 * An amount of the original (Django's `DecimalField(decimal_places=2)`, as text or number) in the
 * currency's minor units as the money module counts them (`currencyExponent`). Exact whenever the
 * currency has as many decimals as the amount: PYG `20000.00` is 20000, USD `2.50` is 250. Where
 * the money module counts fewer decimals than the original stored (COP: ISO 4217 lists 2, CLDR and
 * so Opsdesk 0), an amount with cents is rounded half away from zero and flagged with the original
 * amount, never refused.
 */
export function amountField(
  fields: Readonly<Record<string, unknown>>,
  name: string,
  currency: string,
  exponent: number,
): { minor: number; flag?: ImportFlag } | null {
  const v = fields[name];
  if (v === null || v === undefined || v === '') return null;
  const text = String(v).trim();
  const m = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!m) throw new FieldProblem(name, `expected an amount like 3000.00, got ${text.slice(0, 40)}`);
  const decimals = m[3] ?? '';
  const kept = decimals.slice(0, exponent).padEnd(exponent, '0');
  const dropped = decimals.slice(exponent).replace(/0+$/, '');
  let minor = BigInt(m[2]! + kept);
  if (dropped && Number(dropped[0]) >= 5) minor += 1n;
  const signed = Number(m[1] ? -minor : minor);
  if (!dropped) return { minor: signed };
  return {
    minor: signed,
    flag: {
      field: name,
      reason: `${text} ${currency}: Opsdesk counts ${currency} in ${exponent === 0 ? 'whole units' : `${exponent} decimals`}, so it is kept as ${formatMinor(signed, exponent)}`,
    },
  };
}

function formatMinor(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
