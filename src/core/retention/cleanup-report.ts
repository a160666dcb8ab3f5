import type { OrgCleanup } from './run-cleanup.ts';

/** 1536 → "1.5 KB": bytes as the CLI prints them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** What `opsdesk cleanup` prints: per organization and kind, rows and bytes (would go, or went). */
export function cleanupReportLines(results: ReadonlyArray<OrgCleanup>, dryRun: boolean): string[] {
  const verb = dryRun ? 'would remove' : 'removed';
  return results.flatMap((r) => {
    if (r.held) return [`${r.org.slug}: under a legal hold, nothing ${dryRun ? 'would be' : 'was'} removed`];
    const rows = r.kinds.reduce((s, k) => s + k.rows, 0);
    const bytes = r.kinds.reduce((s, k) => s + k.bytes, 0);
    const width = Math.max(...r.kinds.map((k) => k.kind.length), 4);
    return [
      `${r.org.slug}: ${verb} ${rows} row(s), ${formatBytes(bytes)}${r.runId ? ` (run ${r.runId})` : ''}`,
      ...r.kinds.map(
        (k) =>
          `  ${k.kind.padEnd(width)}  ${k.days === null ? 'kept forever' : `older than ${k.days} d`.padEnd(17)}  ${String(k.rows).padStart(9)} row(s)  ${formatBytes(k.bytes).padStart(9)}`,
      ),
    ];
  });
}
