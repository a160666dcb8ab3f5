import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { issuePass } from '../../src/core/pass-issuer/index.ts';
import { generateKeyPair, signPass } from '../../src/core/passes/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let owner: ApiClient;
let scanner: ApiClient;
const student = { type: 'mess', id: '0b0a2c1e-7d7e-4a52-9a55-3f1f0e7f3a10' };

const issue = async (reissue = false, org = 'default') => {
  const orgId = (await findOrganizationBySlug(app.database.db, org))!.id;
  const ctx = app.deps.systemCtx(orgId, 'test');
  return (await issuePass(ctx, { secretKey: app.config.OPSDESK_SECRET_KEY, subject: student, reissue })).code;
};

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'scanner@example.com', role: 'scanner' });
  owner = await app.signIn('owner@example.com');
  scanner = await app.signIn('scanner@example.com');
});
afterAll(() => app.close());

describe('signed passes on the server', () => {
  it('creates the organization key on first use and publishes only its public half', async () => {
    const keys = (await scanner.get('/api/passes/keys')).json();
    expect(keys).toHaveLength(1);
    expect(Buffer.from(keys[0].publicKey, 'base64url')).toHaveLength(32);
    const stored = await app.database.pool.query('select sealed_private_key from pass_key');
    expect(stored.rows[0].sealed_private_key).toMatch(/^v1\./);
  });

  it('verifies an issued pass, and refuses it once the pass is re-issued (revoked)', async () => {
    const first = await issue();
    expect((await scanner.post('/api/passes/verify', { code: first })).json()).toMatchObject({
      ok: true,
      subject: student,
      passVersion: 1,
    });
    const second = await issue(true);
    expect((await scanner.post('/api/passes/verify', { code: first })).json()).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    expect((await scanner.post('/api/passes/verify', { code: second })).json()).toMatchObject({
      ok: true,
      passVersion: 2,
    });
  });

  it('refuses forged, truncated and unknown-key passes, each with its own reason', async () => {
    const code = await issue();
    const at = code.length - 10; // inside the signature
    const flipped = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
    const outsider = signPass({ subject: student, passVersion: 9, issuedAt: new Date() }, generateKeyPair());
    const reason = async (c: string) => (await scanner.post('/api/passes/verify', { code: c })).json().reason;
    expect(await reason(flipped)).toBe('bad_signature');
    expect(await reason(code.slice(0, 60))).toBe('truncated');
    expect(await reason(outsider)).toBe('unknown_key');
  });

  it('keeps verifying passes signed before a key rotation, and signs new ones with the new key', async () => {
    const before = await issue();
    const rotated = (await owner.post('/api/passes/keys/rotate')).json();
    expect(rotated.retired).not.toBe(rotated.active);
    const keys = (await scanner.get('/api/passes/keys')).json();
    expect(keys.map((k: { keyId: string }) => k.keyId)).toEqual(
      expect.arrayContaining([rotated.retired, rotated.active]),
    );
    expect((await scanner.post('/api/passes/verify', { code: before })).json().ok).toBe(true);
    const after = await issue();
    expect((await scanner.post('/api/passes/verify', { code: after })).json().ok).toBe(true);
    const retiredRow = await app.database.pool.query(
      'select sealed_private_key from pass_key where key_id = $1',
      [rotated.retired],
    );
    expect(retiredRow.rows[0].sealed_private_key).toBeNull();
  });

  it('lets only permitted staff rotate keys, and another organization cannot verify our passes', async () => {
    expect((await scanner.post('/api/passes/keys/rotate')).statusCode).toBe(403);
    await app.createOrg('other', 'other-owner@example.com');
    const other = await app.signIn('other-owner@example.com');
    const code = await issue();
    expect((await other.post('/api/passes/verify', { code })).json()).toMatchObject({
      ok: false,
      reason: 'unknown_key',
    });
  });
});
