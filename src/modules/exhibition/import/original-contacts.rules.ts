import { normalizeExternalId, normalizePhone } from '../../../core/contacts/index.ts';
import type { ImportFlag } from '../../../core/imports/index.ts';

// The original's `email` and `phone` are free text as its admins typed them: its admin form checked
// the e-mail's shape and 20 characters of phone, and people in the shell typed anything, blanks too.
// Each comes over normalized when it can be read, else kept as typed and flagged for review; a
// blank stays blank. Pure: the import's parse calls these.

/** A contact field as it comes over: the value kept, and a flag when it is kept as typed. */
export interface ReadContact {
  value: string;
  flag?: ImportFlag;
}

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits, as a phone's Arabic keyboard types them, in ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

const quoted = (typed: string) => `"${typed.length > 60 ? `${typed.slice(0, 60)}…` : typed}"`;

/**
 * A phone as typed, in E.164 when it reads as one: international forms as they are, local ones
 * (`050 123 4567`) in `country` (the phone parser of core/contacts, as the prepaid portal reads
 * local numbers). What does not read is kept as typed, with the reason.
 */
export function readOriginalPhone(typed: string | null, country: string | null): ReadContact {
  const text = (typed ?? '').trim();
  if (text === '') return { value: '' };
  const plain = asciiDigits(text.normalize('NFKC'));
  const e164 = normalizePhone(plain, country ?? undefined);
  if (e164) return { value: e164 };
  const local = !/^\s*(\+|00)/.test(plain);
  const reason =
    local && !country
      ? `${quoted(text)} has no country code and no country is set to read local numbers in: kept as typed`
      : `${quoted(text)} is not a phone number we can read: kept as typed`;
  return { value: text, flag: { field: 'phone', reason } };
}

/** An e-mail as typed, in the desk's stored form (lower case) when it is one; else kept as typed. */
export function readOriginalEmail(typed: string | null): ReadContact {
  const text = (typed ?? '').trim();
  if (text === '') return { value: '' };
  try {
    return { value: normalizeExternalId('email', text.normalize('NFKC'), { field: 'email' }) };
  } catch {
    return {
      value: text,
      flag: {
        field: 'email',
        reason: `${quoted(text)} is not an e-mail address: kept as typed, nothing is e-mailed to it`,
      },
    };
  }
}

/** Whether an address the import kept can be e-mailed (its welcome e-mail, its statement). */
export function isEmailable(email: string): boolean {
  return email !== '' && readOriginalEmail(email).flag === undefined;
}
