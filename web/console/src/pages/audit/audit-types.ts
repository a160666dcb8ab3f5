export interface AuditItem {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  subject: { type: string; id: string } | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  meta: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

/** Fields that differ between before and after snapshots, for a one-line "what changed". */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; from: unknown; to: unknown }[] {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k, from: a[k], to: b[k] }));
}

export const show = (v: unknown) =>
  v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
