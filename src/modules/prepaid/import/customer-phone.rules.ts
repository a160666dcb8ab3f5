import { normalizePhone as e164 } from '../../../core/contacts/index.ts';

/** The account's phone check (`^\+[0-9]{8,15}$`). */
const ACCOUNT_PHONE = /^\+[0-9]{8,15}$/;

/**
 * A phone as the original took it (`^\+?1?\d{9,15}$`: no spaces, a `+` or not) → E.164 for the
 * account. Read in the organization's country first: `0788…` and `788…` (the 0 left out) are local,
 * `250788…` is Rwanda's code without its `+`. A number valid nowhere is kept as given when it is
 * already international (`+…`), flagged; one that is no number of the country is flagged and left
 * off (the flag keeps it as typed).
 */
export function readOriginalPhone(
  typed: string,
  country: string | null,
): { phone: string | null; flag: string | null } {
  const compact = typed.replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,17}$/.test(compact))
    return { phone: null, flag: `${typed.slice(0, 40)}: not a phone number; left off the account` };
  if (compact.startsWith('+')) {
    const valid = e164(compact);
    if (valid) return { phone: valid, flag: null };
    return ACCOUNT_PHONE.test(compact)
      ? { phone: compact, flag: `${typed}: no valid number of its country; kept as given` }
      : { phone: null, flag: `${typed}: not a phone number; left off the account` };
  }
  const local = country ? e164(compact, country) : undefined;
  const international = e164(`+${compact}`);
  if (local && international && local !== international)
    return { phone: local, flag: `${typed}: read as ${local} (${country}); it is also ${international}` };
  const phone = local ?? international;
  if (phone) return { phone, flag: null };
  return {
    phone: null,
    flag: `${typed}: not a number of ${country ?? 'any country'}; left off the account`,
  };
}
