/**
 * Names and retention of scheduled backups. A scheduled backup is named by the moment it was taken
 * (`opsdesk-2026-11-22T02-30-00-000Z.dump`), so names sort in time order; retention keeps the newest
 * `keep` of them and never touches a file it did not name.
 */
const SCHEDULED = /^opsdesk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.dump$/;

export function backupName(at: Date): string {
  return `opsdesk-${at.toISOString().slice(0, 23).replace(/[:.]/g, '-')}Z.dump`;
}

/** The scheduled backups among `names` beyond the newest `keep`, oldest first. */
export function backupsBeyond(names: readonly string[], keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError(`keep must be a whole number ≥ 1, got ${keep}`);
  const scheduled = names.filter((n) => SCHEDULED.test(n)).sort();
  return scheduled.slice(0, Math.max(0, scheduled.length - keep));
}

/** The newest scheduled backup among `names`, if there is one. */
export function newestBackup(names: readonly string[]): string | undefined {
  return names
    .filter((n) => SCHEDULED.test(n))
    .sort()
    .at(-1);
}

/** `s3://bucket/some/prefix` → bucket and key prefix (`some/prefix/`, or `` for the bucket root). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) throw new RangeError(`expected s3://<bucket>[/<prefix>], got ${url}`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1]!, prefix: prefix ? `${prefix}/` : '' };
}
