/** The restricted-digit form (keypads with 1–4 only): every 2 bits become one digit 1–4. */
export function toRestrictedDigits(code: number, bits: number): string {
  let out = '';
  for (let shift = bits - 2; shift >= 0; shift -= 2) out += String((Math.floor(code / 2 ** shift) % 4) + 1);
  return out;
}

/** The code a restricted-digit token stands for (the inverse of `toRestrictedDigits`). */
export function fromRestrictedDigits(digits: string): number {
  let v = 0;
  for (const d of digits) v = v * 4 + (Number(d) - 1);
  return v;
}
