import { describe, expect, it } from 'vitest';
import { judgeLegacyPass, legacySignature, parseLegacyPass } from './legacy-passes.rules.ts';

const SECRET = 'original-qr-secret';
const ID = '6f1c2a34-9b1e-4d7a-8c55-0a1b2c3d4e5f';
const pass = (v = 1, nonce = 'a1b2c3d4e5f6', secret = SECRET) => {
  const message = `${v}|${ID}|1760000000|${nonce}`;
  return `${message}|${legacySignature(message, secret)}`;
};
const student = { studentId: 'here', nonce: 'a1b2c3d4e5f6', qrVersion: 1, passVersion: 1 };
const judge = (code: string, over: Partial<Parameters<typeof judgeLegacyPass>[1]> = {}) =>
  judgeLegacyPass(parseLegacyPass(code)!, {
    qrSecret: SECRET,
    until: '2026-11-30',
    localDate: '2026-11-23',
    student,
    ...over,
  });

describe("the original system's QR pass", () => {
  it('reads `v|student_id|issued_at|nonce|hmac` and nothing else', () => {
    expect(parseLegacyPass(pass())).toMatchObject({
      version: 1,
      legacyId: ID,
      issuedAt: new Date(1_760_000_000_000),
      nonce: 'a1b2c3d4e5f6',
    });
    expect(parseLegacyPass('OPS1ABCDEF')).toBeUndefined();
    expect(parseLegacyPass(`${pass()}|extra`)).toBeUndefined();
    expect(parseLegacyPass(pass().replace(/\|[0-9a-f]{64}$/, '|zz'))).toBeUndefined();
  });

  it('is accepted with the old secret until the last day, inclusive', () => {
    expect(judge(pass())).toEqual({ ok: true, student });
    expect(judge(pass(), { localDate: '2026-11-30' }).ok).toBe(true);
    expect(judge(pass(), { localDate: '2026-12-01' })).toEqual({ ok: false, reason: 'expired', student });
  });

  it('is no pass at all where the organization has no old secret', () => {
    expect(judge(pass(), { qrSecret: undefined })).toEqual({ ok: false, reason: 'malformed' });
    expect(judge(pass(), { qrSecret: undefined, until: null })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('opens the mess with the old secret and no last day set yet (the import kept the secret)', () => {
    expect(judge(pass(), { until: null, localDate: '2027-06-01' })).toEqual({ ok: true, student });
  });

  it('refuses another secret, and a nonce or version the original had replaced', () => {
    expect(judge(pass(1, 'a1b2c3d4e5f6', 'guessed'))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(judge(pass(1, 'ffffffffffff'))).toEqual({ ok: false, reason: 'revoked', student });
    expect(judge(pass(2))).toEqual({ ok: false, reason: 'revoked', student });
  });

  it('names nobody when its student was not brought over', () => {
    expect(judge(pass(), { student: undefined })).toEqual({ ok: true, student: undefined });
  });
});
