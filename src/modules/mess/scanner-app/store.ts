import type { ScanResult, ScanUpload, SessionJson, Snapshot } from './contract.ts';

/** A scan as this phone keeps it: what was uploaded, what was shown, and the server's answer. */
export interface StoredScan extends ScanUpload {
  /**
   * `queued` until the server has acknowledged the nonce; only then `sent`. `refused`: the server
   * will not record it as dated (in the future, or before its pass was issued: this phone's clock
   * was wrong), so it is never sent again.
   */
  state: 'queued' | 'sent' | 'refused';
  /** Why the server refused it: the field code of its answer (`in_future`, `before_pass_issued`). */
  refusal?: string;
  studentId?: string;
  studentName?: string;
  /** `YYYY-MM-DD:<mealId>` when the local decision allowed a meal; counts as served offline. */
  windowKey?: string;
  result?: ScanResult;
  sentAt?: string;
}

/** Persistence of the scanner; IndexedDB in the browser, a Map in unit tests. */
export interface ScannerStore {
  getSnapshot(): Promise<Snapshot | undefined>;
  putSnapshot(snapshot: Snapshot | undefined): Promise<void>;
  getSession(): Promise<SessionJson | undefined>;
  putSession(session: SessionJson | undefined): Promise<void>;
  putScan(scan: StoredScan): Promise<void>;
  getScan(nonce: string): Promise<StoredScan | undefined>;
  queuedScans(): Promise<StoredScan[]>;
  recentScans(limit: number): Promise<StoredScan[]>;
  /** Forgets acknowledged and refused scans older than `before`; never touches queued ones. */
  pruneSent(before: string): Promise<void>;
}

const DB_NAME = 'opsdesk-scanner';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export async function openIndexedDbStore(): Promise<ScannerStore> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('kv');
    const scans = db.createObjectStore('scans', { keyPath: 'nonce' });
    scans.createIndex('state', 'state');
    scans.createIndex('scannedAt', 'scannedAt');
  };
  const db = await request(open);

  const kvGet = async <T>(key: string) =>
    (await request(db.transaction('kv').objectStore('kv').get(key))) as T | undefined;
  const kvPut = async (key: string, value: unknown) => {
    const tx = db.transaction('kv', 'readwrite');
    if (value === undefined) tx.objectStore('kv').delete(key);
    else tx.objectStore('kv').put(value, key);
    await done(tx);
  };

  return {
    getSnapshot: () => kvGet<Snapshot>('snapshot'),
    putSnapshot: (snapshot) => kvPut('snapshot', snapshot),
    getSession: () => kvGet<SessionJson>('session'),
    putSession: (session) => kvPut('session', session),
    async putScan(scan) {
      const tx = db.transaction('scans', 'readwrite');
      tx.objectStore('scans').put(scan);
      await done(tx);
    },
    async getScan(nonce) {
      return (await request(db.transaction('scans').objectStore('scans').get(nonce))) as
        | StoredScan
        | undefined;
    },
    async queuedScans() {
      const index = db.transaction('scans').objectStore('scans').index('state');
      const rows = (await request(index.getAll('queued'))) as StoredScan[];
      return rows.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
    },
    async recentScans(limit) {
      const index = db.transaction('scans').objectStore('scans').index('scannedAt');
      const rows: StoredScan[] = [];
      await new Promise<void>((resolve, reject) => {
        const cursor = index.openCursor(null, 'prev');
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c || rows.length >= limit) return resolve();
          rows.push(c.value as StoredScan);
          c.continue();
        };
      });
      return rows;
    },
    async pruneSent(before) {
      const tx = db.transaction('scans', 'readwrite');
      const index = tx.objectStore('scans').index('scannedAt');
      const cursor = index.openCursor(IDBKeyRange.upperBound(before, true));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if ((c.value as StoredScan).state !== 'queued') c.delete();
        c.continue();
      };
      await done(tx);
    },
  };
}

/** In-memory store with the same semantics, for unit tests. */
export function memoryStore(): ScannerStore & { scans: Map<string, StoredScan> } {
  const scans = new Map<string, StoredScan>();
  let snapshot: Snapshot | undefined;
  let session: SessionJson | undefined;
  const sorted = () => [...scans.values()].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  return {
    scans,
    getSnapshot: async () => snapshot,
    putSnapshot: async (s) => {
      snapshot = s;
    },
    getSession: async () => session,
    putSession: async (s) => {
      session = s;
    },
    putScan: async (scan) => {
      scans.set(scan.nonce, structuredClone(scan));
    },
    getScan: async (nonce) => scans.get(nonce),
    queuedScans: async () => sorted().filter((s) => s.state === 'queued'),
    recentScans: async (limit) => sorted().reverse().slice(0, limit),
    pruneSent: async (before) => {
      for (const s of sorted()) if (s.state !== 'queued' && s.scannedAt < before) scans.delete(s.nonce);
    },
  };
}
