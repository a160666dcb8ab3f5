import { ApiError } from '../../../../web/kit/api.ts';
import type { ScanResult, ScanUpload } from './contract.ts';
import type { ScannerStore, StoredScan } from './store.ts';

/** What goes over the wire: the upload fields only, never the phone's display details. */
export function toUpload(scan: StoredScan): ScanUpload {
  const upload: ScanUpload = {
    nonce: scan.nonce,
    scannedAt: scan.scannedAt,
    offline: scan.offline,
  };
  if (scan.code !== undefined) upload.code = scan.code;
  if (scan.rollNumber !== undefined) upload.rollNumber = scan.rollNumber;
  if (scan.localDecision !== undefined) upload.localDecision = scan.localDecision;
  if (scan.localReason !== undefined) upload.localReason = scan.localReason;
  return upload;
}

export interface SyncOutcome {
  sent: number;
  remaining: number;
  results: ScanResult[];
  /** Scans the server will not record as dated (`refused`), never sent again. */
  refused: StoredScan[];
}

/**
 * The scans of a batch the server refused by name (422, `errors` at `body.scans.<i>.…`): a scan
 * dated in the future or before its pass was issued. The server kept nothing of that batch.
 */
function refusedInBatch(err: unknown): Map<number, string> | undefined {
  if (!(err instanceof ApiError) || err.kind !== 'refused' || err.status !== 422) return undefined;
  const refused = new Map<number, string>();
  for (const f of err.fields) {
    const index = /^body\.scans\.(\d+)\./.exec(f.field)?.[1];
    if (index !== undefined) refused.set(Number(index), f.code);
  }
  return refused.size ? refused : undefined;
}

/**
 * Sends every queued scan, oldest first, in batches. A scan becomes `sent` only when the server's
 * answer names its nonce; anything else (a failed call, an answer that leaves a nonce out) keeps
 * it queued for the next attempt. The server keeps each nonce once, so resending is safe. A batch
 * refused for some of its scans sets those aside as `refused` and is sent again without them, so one
 * scan with an impossible time never holds up the queue.
 * Errors of the call propagate after the batches already acknowledged have been stored.
 */
export async function syncQueued(
  store: ScannerStore,
  send: (scans: ScanUpload[]) => Promise<ScanResult[]>,
  now: () => Date,
  batchSize = 50,
): Promise<SyncOutcome> {
  const queued = await store.queuedScans();
  const results: ScanResult[] = [];
  const refused: StoredScan[] = [];
  let sent = 0;
  for (let i = 0; i < queued.length; i += batchSize) {
    let batch = queued.slice(i, i + batchSize);
    let answers: ScanResult[] = [];
    while (batch.length) {
      try {
        answers = await send(batch.map(toUpload));
        break;
      } catch (err) {
        const named = refusedInBatch(err);
        if (!named || ![...named.keys()].some((index) => index < batch.length)) throw err;
        for (const [index, code] of named) {
          const scan = batch[index];
          if (!scan) continue;
          const set: StoredScan = { ...scan, state: 'refused', refusal: code };
          await store.putScan(set);
          refused.push(set);
        }
        batch = batch.filter((_, index) => !named.has(index));
      }
    }
    const byNonce = new Map(answers.map((r) => [r.nonce, r]));
    for (const scan of batch) {
      const result = byNonce.get(scan.nonce);
      if (!result) continue;
      if (result.refused) {
        // Answered but not recorded (a reader's run-on): off the queue, shown to staff as refused.
        const set: StoredScan = { ...scan, state: 'refused', refusal: result.refused };
        await store.putScan(set);
        refused.push(set);
        continue;
      }
      await store.putScan({ ...scan, state: 'sent', result, sentAt: now().toISOString() });
      results.push(result);
      sent++;
    }
  }
  return { sent, remaining: (await store.queuedScans()).length, results, refused };
}
