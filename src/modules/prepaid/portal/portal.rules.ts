import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { normalizePhone as e164 } from '../../../core/contacts/index.ts';

/** How long a one-time code works, how many guesses it allows, how many a meter may be sent an hour. */
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODES_PER_HOUR = 5;
/** A portal session lasts a day of use on a phone; signing out revokes it at once. */
export const SESSION_TTL_MS = 24 * 3600_000;

/**
 * `+250 788-000-111` or `250788000111` → `+250788000111`; a local `0788 000 111` read in the
 * organization's country (`phoneCountryOf`), when it has one; null when it is no phone.
 */
export function normalizePhone(input: string, country?: string | null): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (!trimmed.startsWith('+') && digits.startsWith('0'))
    return country ? (e164(trimmed, country) ?? null) : null;
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

/** Six digits, leading zeros kept. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The stored form of a code: bound to its row, keyed by the server secret (six digits alone are guessable offline). */
export const codeHash = (secret: string, codeId: string, code: string): string =>
  createHmac('sha256', secret).update(`prepaid.portal-code:${codeId}:${code}`).digest('hex');

/** A session's bearer value (the browser keeps it) and the hash the server stores. */
export function newSessionToken(): { token: string; hash: string } {
  const token = `pps_${randomBytes(32).toString('base64url')}`;
  return { token, hash: sessionHash(token) };
}
export const sessionHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time equality of two hex digests (hashed again, so lengths tell nothing). */
export function sameDigest(given: string, expected: string): boolean {
  const d = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(d(given), d(expected));
}

/** `+250788000111` → `+250 ••• ••• 111`; `uwase@example.com` → `u•••@example.com`: where the code went, half hidden. */
export function maskedAddress(channel: string, to: string): string {
  if (channel === 'email') {
    const [user = '', domain = ''] = to.split('@');
    return `${user.slice(0, 1)}•••@${domain}`;
  }
  return to.length > 4 ? `•••${to.slice(-3)}` : '•••';
}

/** What a portal user does; each portal route names one. */
export type PortalAction = 'see' | 'buy' | 'history' | 'settings' | 'users';
export type PortalRole = 'owner' | 'buyer' | 'viewer';
export const PORTAL_ROLES: readonly PortalRole[] = ['owner', 'buyer', 'viewer'];

/**
 * The role matrix: an owner does everything (manages users and settings); a buyer buys and sees
 * history; a viewer sees meters, use, alerts and statements only.
 */
const ALLOWED: Record<PortalRole, readonly PortalAction[]> = {
  owner: ['see', 'buy', 'history', 'settings', 'users'],
  buyer: ['see', 'buy', 'history'],
  viewer: ['see'],
};
export const portalMay = (role: PortalRole, action: PortalAction): boolean => ALLOWED[role].includes(action);

/** The languages the portal's messages and statements are written in. */
export const PORTAL_LANGUAGES = ['en', 'fr', 'rw', 'es'] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];

/**
 * The language the portal is read in (issue 54, item 8): the one the request names, else the first
 * of its Accept-Language tags the portal writes (`fr-RW;q=0.9` is French); null when none is, for
 * the account's own language to apply.
 */
export function portalLanguageOf(
  named: string | null | undefined,
  acceptLanguage: string | null | undefined,
): PortalLanguage | null {
  const known = (tag: string | undefined) => {
    const primary = tag?.trim().toLowerCase().split(/[-_;]/)[0];
    return (PORTAL_LANGUAGES as ReadonlyArray<string>).includes(primary ?? '')
      ? (primary as PortalLanguage)
      : null;
  };
  if (known(named ?? undefined)) return known(named ?? undefined);
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.tag && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const language = known(tag);
    if (language) return language;
  }
  return null;
}
