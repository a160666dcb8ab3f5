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
}

/**
 * Sends every queued scan, oldest first, in batches. A scan becomes `sent` only when the server's
 * answer names its nonce; anything else (a failed call, an answer that leaves a nonce out) keeps
 * it queued for the next attempt. The server keeps each nonce once, so resending is safe.
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
  let sent = 0;
  for (let i = 0; i < queued.length; i += batchSize) {
    const batch = queued.slice(i, i + batchSize);
    const answers = await send(batch.map(toUpload));
    const byNonce = new Map(answers.map((r) => [r.nonce, r]));
    for (const scan of batch) {
      const result = byNonce.get(scan.nonce);
      if (!result) continue;
      await store.putScan({ ...scan, state: 'sent', result, sentAt: now().toISOString() });
      results.push(result);
      sent++;
    }
  }
  return { sent, remaining: (await store.queuedScans()).length, results };
}
