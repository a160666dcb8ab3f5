import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../web/kit/api.ts';
import type { ScanResult, ScanUpload } from './contract.ts';
import { memoryStore, type StoredScan } from './store.ts';
import { syncQueued } from './sync.ts';

const scan = (n: number): StoredScan => ({
  nonce: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  rollNumber: `R${n}`,
  scannedAt: new Date(Date.UTC(2026, 0, 5, 8, 0, n)).toISOString(),
  offline: true,
  localDecision: 'allowed',
  localReason: 'ok',
  state: 'queued',
  studentName: 'Asha',
});

const answer = (s: ScanUpload): ScanResult => ({
  nonce: s.nonce,
  decision: 'allowed',
  reason: 'ok',
  serverDecision: 'allowed',
  serverReason: null,
  student: null,
  conflict: false,
  duplicate: false,
});

const now = () => new Date('2026-01-05T09:00:00Z');

describe('syncQueued', () => {
  it('sends queued scans oldest first in batches, with their original scan time, and marks them sent', async () => {
    const store = memoryStore();
    for (const n of [3, 1, 2]) await store.putScan(scan(n));
    const calls: ScanUpload[][] = [];
    const outcome = await syncQueued(
      store,
      async (batch) => {
        calls.push(batch);
        return batch.map(answer);
      },
      now,
      2,
    );
    expect(calls.map((b) => b.map((s) => s.rollNumber))).toEqual([['R1', 'R2'], ['R3']]);
    expect(calls[0]![0]).toEqual({
      nonce: scan(1).nonce,
      rollNumber: 'R1',
      scannedAt: scan(1).scannedAt,
      offline: true,
      localDecision: 'allowed',
      localReason: 'ok',
    });
    expect(outcome).toMatchObject({ sent: 3, remaining: 0 });
    expect([...store.scans.values()].every((s) => s.state === 'sent')).toBe(true);
  });

  it('keeps a scan queued when the answer leaves its nonce out', async () => {
    const store = memoryStore();
    await store.putScan(scan(1));
    await store.putScan(scan(2));
    const outcome = await syncQueued(store, async (batch) => batch.slice(1).map(answer), now);
    expect(outcome).toMatchObject({ sent: 1, remaining: 1 });
    expect((await store.queuedScans()).map((s) => s.nonce)).toEqual([scan(1).nonce]);
  });

  it('keeps what was not acknowledged when the network fails midway, and sends it next time', async () => {
    const store = memoryStore();
    for (const n of [1, 2, 3]) await store.putScan(scan(n));
    let calls = 0;
    const flaky = async (batch: ScanUpload[]) => {
      if (++calls === 2) throw new TypeError('Failed to fetch');
      return batch.map(answer);
    };
    await expect(syncQueued(store, flaky, now, 1)).rejects.toThrow('Failed to fetch');
    expect((await store.queuedScans()).length).toBe(2);
    const seen: string[] = [];
    const record = async (batch: ScanUpload[]) => {
      seen.push(...batch.map((s) => s.nonce));
      return batch.map(answer);
    };
    await syncQueued(store, record, now, 1);
    expect(seen).toEqual([scan(2).nonce, scan(3).nonce]);
    expect((await store.queuedScans()).length).toBe(0);
  });

  it('sets aside the scans the server refuses as dated, and sends the rest of their batch', async () => {
    const store = memoryStore();
    for (const n of [1, 2, 3]) await store.putScan(scan(n));
    const calls: string[][] = [];
    // As the server answers a batch with a scan dated in the future: 422, naming it; nothing kept.
    const server = async (batch: ScanUpload[]) => {
      calls.push(batch.map((s) => s.rollNumber!));
      const i = batch.findIndex((s) => s.rollNumber === 'R2');
      if (i >= 0)
        throw new ApiError('refused', 422, 'mess.scan_time_impossible', 'not recorded', [
          { field: `body.scans.${i}.scannedAt`, code: 'in_future' },
        ]);
      return batch.map(answer);
    };
    const outcome = await syncQueued(store, server, now);
    expect(calls).toEqual([
      ['R1', 'R2', 'R3'],
      ['R1', 'R3'],
    ]);
    expect(outcome).toMatchObject({ sent: 2, remaining: 0 });
    expect(outcome.refused.map((s) => s.rollNumber)).toEqual(['R2']);
    expect(store.scans.get(scan(2).nonce)).toMatchObject({ state: 'refused', refusal: 'in_future' });
    // Never sent again.
    await syncQueued(store, server, now);
    expect(calls).toHaveLength(2);
  });

  it('keeps the queue on any other refusal', async () => {
    const store = memoryStore();
    await store.putScan(scan(1));
    const refuse = async () => {
      throw new ApiError('refused', 422, 'other', 'no', [{ field: 'body.scans.7.scannedAt', code: 'x' }]);
    };
    await expect(syncQueued(store, refuse, now)).rejects.toThrow('no');
    expect((await store.queuedScans()).length).toBe(1);
  });

  it('never prunes a queued scan', async () => {
    const store = memoryStore();
    await store.putScan(scan(1));
    await store.putScan({ ...scan(2), state: 'sent' });
    await store.pruneSent('2030-01-01T00:00:00Z');
    expect([...store.scans.keys()]).toEqual([scan(1).nonce]);
  });
});
