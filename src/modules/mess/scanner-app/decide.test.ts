import { describe, expect, it } from 'vitest';
import { generateKeyPair, signPass } from '../../../core/passes/index.ts';
import type { Snapshot } from './contract.ts';
import { decideCode, decideRoll, prepareSnapshot, servedWindows } from './decide.ts';
import type { StoredScan } from './store.ts';

const key = generateKeyPair();
const asha = '3e1f7c52-92c4-4a8e-8e4e-2b9c1f0d6a11';
const ravi = '7a9d2c11-5b3e-4f60-9c8d-1e2f3a4b5c6d';
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
// Monday 2026-01-05, 08:30 in Kolkata.
const at = new Date('2026-01-05T03:00:00Z');

const snapshot: Snapshot = {
  generatedAt: '2026-01-05T02:00:00Z',
  timeZone: 'Asia/Kolkata',
  keys: [{ keyId: key.keyId, publicKey: b64url(key.publicKey) }],
  passVersions: { [asha]: 2 },
  students: [
    {
      id: asha,
      name: 'Asha Verma',
      rollNumber: '21CS042',
      room: 'B-12',
      status: 'approved',
      paidCycleIds: ['c1'],
      cuts: [],
    },
    {
      id: ravi,
      name: 'Ravi Kumar',
      rollNumber: '21ME007',
      room: 'A-3',
      status: 'approved',
      paidCycleIds: [],
      cuts: [],
    },
  ],
  meals: [
    { id: 'breakfast', name: 'Breakfast', start: '07:30', end: '09:30', weekdays: [1, 2, 3, 4, 5, 6, 7] },
  ],
  closures: [],
  cycles: [{ id: 'c1', from: '2026-01-01', to: '2026-01-31' }],
  served: [],
};
const prepared = prepareSnapshot(snapshot);
const pass = (id: string, passVersion: number, signer = key) =>
  signPass(
    { subject: { type: 'mess', id }, passVersion, issuedAt: new Date('2026-01-01T00:00:00Z') },
    signer,
  );

describe('deciding on the phone', () => {
  it('allows a current pass of a paid, approved student inside a meal window', () => {
    const local = decideCode(prepared, pass(asha, 2), new Set(), at);
    expect(local).toMatchObject({
      decision: 'allowed',
      reason: null,
      windowKey: '2026-01-05:breakfast',
      mealName: 'Breakfast',
    });
    expect(local.student?.name).toBe('Asha Verma');
  });

  it('refuses replaced, forged and foreign passes with the server’s pass_ reasons', () => {
    expect(decideCode(prepared, pass(asha, 1), new Set(), at)).toMatchObject({
      decision: 'denied',
      reason: 'pass_revoked',
    });
    expect(decideCode(prepared, pass(asha, 2, generateKeyPair()), new Set(), at).reason).toBe(
      'pass_unknown_key',
    );
    expect(decideCode(prepared, 'HELLO', new Set(), at).reason).toBe('pass_malformed');
  });

  it('applies the mess rules: unpaid, and already served in this window (also by a scan kept on this phone)', () => {
    expect(decideRoll(prepared, ' 21me007 ', new Set(), at)).toMatchObject({
      decision: 'denied',
      reason: 'payment_due',
    });
    const earlier: StoredScan = {
      nonce: 'n1',
      scannedAt: '2026-01-05T02:45:00Z',
      offline: true,
      localDecision: 'allowed',
      state: 'queued',
      studentId: asha,
      windowKey: '2026-01-05:breakfast',
    };
    const served = servedWindows(snapshot, [earlier]);
    expect(decideRoll(prepared, '21CS042', served, at)).toMatchObject({
      decision: 'denied',
      reason: 'already_served',
    });
    expect(decideRoll(prepared, 'NOBODY', served, at)).toMatchObject({
      decision: 'denied',
      reason: 'unknown_student',
    });
  });

  it('without a snapshot, leaves the decision to the server (but still refuses what is no pass at all)', () => {
    expect(decideCode(undefined, pass(asha, 2), new Set(), at)).toEqual({ reason: 'no_snapshot' });
    expect(decideCode(undefined, 'HELLO', new Set(), at)).toEqual({
      decision: 'denied',
      reason: 'pass_malformed',
    });
  });
});
