import { describe, expect, it } from 'vitest';
import {
  codeHash,
  maskedAddress,
  newCode,
  newSessionToken,
  normalizePhone,
  PORTAL_ROLES,
  type PortalAction,
  portalMay,
  sameDigest,
  sessionHash,
} from './portal.rules.ts';

describe('portal rules', () => {
  it('normalizes phones to + and digits, refusing what is no phone', () => {
    expect(normalizePhone('+250 788-000-111')).toBe('+250788000111');
    expect(normalizePhone('250788000111')).toBe('+250788000111');
    expect(normalizePhone('0788')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
  });

  it('reads a local number in the organization’s country (issue 41, item 4)', () => {
    expect(normalizePhone('0788 000 111', 'RW')).toBe('+250788000111');
    expect(normalizePhone('0788-000-111', 'RW')).toBe('+250788000111');
    expect(normalizePhone('+250 788 000 111', 'RW')).toBe('+250788000111');
    // no country known: a local number cannot be read
    expect(normalizePhone('0788 000 111')).toBeNull();
    expect(normalizePhone('0788', 'RW')).toBeNull();
  });

  it('makes six-digit codes whose hash depends on the code, its row and the secret', () => {
    for (let i = 0; i < 50; i++) expect(newCode()).toMatch(/^\d{6}$/);
    const h = codeHash('s', 'row-1', '123456');
    expect(h).toBe(codeHash('s', 'row-1', '123456'));
    expect(h).not.toBe(codeHash('s', 'row-2', '123456'));
    expect(h).not.toBe(codeHash('t', 'row-1', '123456'));
    expect(h).not.toContain('123456');
  });

  it('stores only the hash of a session token, compared in constant time', () => {
    const { token, hash } = newSessionToken();
    expect(token).toMatch(/^pps_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(sessionHash(token));
    expect(sameDigest(sessionHash(token), hash)).toBe(true);
    expect(sameDigest(sessionHash(`${token}x`), hash)).toBe(false);
  });

  it('half hides where the code went', () => {
    expect(maskedAddress('email', 'uwase@example.com')).toBe('u•••@example.com');
    expect(maskedAddress('whatsapp', '250788000111')).toBe('•••111');
  });

  it('lets an owner do everything, a buyer buy and see history, a viewer only see', () => {
    const actions: PortalAction[] = ['see', 'buy', 'history', 'settings', 'users'];
    const matrix = Object.fromEntries(PORTAL_ROLES.map((r) => [r, actions.filter((a) => portalMay(r, a))]));
    expect(matrix).toEqual({
      owner: ['see', 'buy', 'history', 'settings', 'users'],
      buyer: ['see', 'buy', 'history'],
      viewer: ['see'],
    });
  });
});
