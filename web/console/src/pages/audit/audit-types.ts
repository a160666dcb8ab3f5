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

/**
 * Fields that differ between before and after snapshots, for a one-line "what changed". Many use
 * cases store only the fields they changed in `after`: a field it leaves out did not change, so it
 * is not shown as cleared ("Tags: simulated, downtown → —"). With no `after` (a deletion), every
 * field of `before` is shown.
 */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; from: unknown; to: unknown }[] {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const hasAfter = !!after && typeof after === 'object';
  const b = (hasAfter ? after : {}) as Record<string, unknown>;
  const keys = hasAfter ? Object.keys(b) : Object.keys(a);
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k, from: a[k], to: b[k] }));
}

/** A snapshot value as text: a list by its items (a prize by its title), other objects as JSON. */
export const show = (v: unknown): string => {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v))
    return v.length === 0
      ? '—'
      : v
          .map((x) =>
            x && typeof x === 'object' && 'title' in x ? String((x as { title: unknown }).title) : show(x),
          )
          .join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/**
 * What each entry of one record's history changed, newest first: an entry that stored only the
 * record after the change (`raffle.raffle.selling`) is compared with the entry before it, so the
 * history shows "status: draft → selling" instead of every field again.
 */
export function historyChanges(items: ReadonlyArray<AuditItem>): { before: unknown; after: unknown }[] {
  return items.map((item, i) => {
    const hasBefore = item.before !== null && item.before !== undefined;
    const older = items.slice(i + 1).find((o) => o.after !== null && o.after !== undefined);
    return { before: hasBefore ? item.before : (older?.after ?? null), after: item.after };
  });
}

/**
 * An audit code as words where no catalog has it: the module's name is the area, the rest reads
 * as a phrase (`raffle.order.proof_submitted` → "Order proof submitted").
 */
export function humanizeAction(action: string): string {
  const words = action.split('.').slice(1).join(' ').replaceAll('_', ' ').trim() || action;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The i18n key of an audit code's words: `raffle.audit.order_proof_submitted`. */
export function actionKey(action: string): string {
  const [area, ...rest] = action.split('.');
  return `${area}.audit.${rest.join('_')}`;
}

/** What the history needs of a resource to word a snapshot's fields (its columns and form fields). */
export interface FieldSource {
  columns: ReadonlyArray<{ name: string; label: string; type: string }>;
  form?: { fields: ReadonlyArray<{ name: string; label: string }> } | null;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The resource field a snapshot key stands for: snapshots store the record's view (`priceMinor`,
 * `closes_at`), the resource names it `price` or `closesAt`. Columns first (they carry a type), then
 * form fields; a money amount's `…Minor` reads as the amount itself.
 */
export function fieldOf(
  source: FieldSource,
  key: string,
): { label: string; column?: FieldSource['columns'][number] } | undefined {
  const names = [key, camel(key), camel(key).replace(/Minor$/, '')];
  for (const name of names) {
    const column = source.columns.find((c) => c.name === name);
    if (column) return { label: column.label, column };
  }
  for (const name of names) {
    const field = source.form?.fields.find((f) => f.name === name);
    if (field) return { label: field.label };
  }
  return undefined;
}
