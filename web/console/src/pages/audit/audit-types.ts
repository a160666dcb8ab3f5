import { isUuid } from '../../../../../src/platform/ids/browser.ts';
import { systemActorKey } from '../../i18n/system-actors.ts';

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
  const a = (isRecord(before) ? before : {}) as Record<string, unknown>;
  const hasAfter = isRecord(after);
  const b = (hasAfter ? after : {}) as Record<string, unknown>;
  // The record's own id is the subject's, shown beside it: never a change worth a line.
  const keys = (hasAfter ? Object.keys(b) : Object.keys(a)).filter((k) => k !== 'id');
  return keys.flatMap((k) => {
    // Settings kept as one object change one key at a time: "Settings › Cut-off time", not the JSON;
    // an amount with its currency is one value ("Amount: $30.00"), not two.
    if (
      !isMoneyValue(a[k]) &&
      !isMoneyValue(b[k]) &&
      (isRecord(a[k]) || isRecord(b[k])) &&
      (isRecord(a[k]) || a[k] == null) &&
      (isRecord(b[k]) || b[k] == null)
    )
      return changedFields(a[k] ?? {}, b[k] ?? (hasAfter ? {} : null)).map((c) => ({
        ...c,
        field: `${k}.${c.field}`,
      }));
    // A field stored as null and one left out both say "nothing": no change between them.
    return JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null)
      ? []
      : [{ field: k, from: a[k], to: b[k] }];
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** An amount as core money keeps it: `{ amountMinor, currency }` (a refund's `amount`). */
export const isMoneyValue = (v: unknown): v is { amountMinor: number | string; currency: string } =>
  isRecord(v) &&
  Object.keys(v).length === 2 &&
  (typeof v.amountMinor === 'number' || typeof v.amountMinor === 'string') &&
  typeof v.currency === 'string';

/**
 * Ids that make a history entry about a part of the record rather than the record itself: a refund of
 * a payment (or of a prepaid purchase, a bill) is written in the payment's history with its `refundId`.
 * Such an entry reads as that part (its fields in the part's words, compared with the part's own
 * previous entry), never as a change of the record ("Method: Proof → cash"). The value is the audit
 * subject type of the part's records.
 */
const PART_FIELDS: Readonly<Record<string, string>> = { refundId: 'payment_refund' };

/** The part an entry's snapshot is about (its field, id and subject type), or null for the record itself. */
export function auditPartOf(after: unknown): { field: string; id: string; subjectType: string } | null {
  if (!isRecord(after)) return null;
  for (const [field, subjectType] of Object.entries(PART_FIELDS)) {
    const id = after[field];
    if (isUuid(id)) return { field, id, subjectType };
  }
  return null;
}

/** One line of a history entry: a field, what it held and what it holds; `lead` names the entry's part. */
export interface EntryLine {
  field: string;
  from: unknown;
  to: unknown;
  lead?: boolean;
}

/**
 * The lines one entry shows: its changed fields, less the field that names the record whose history
 * this is (a refund's `paymentId` in its payment's history, its `refundId` on its own page); an entry
 * about a part leads with the part itself ("Refund: Refund of $30.00 to …"), changed or not.
 */
export function entryLines(before: unknown, after: unknown, recordId?: string): EntryLine[] {
  const part = auditPartOf(after);
  const lines: EntryLine[] = changedFields(before, after).filter(
    (c) => !(recordId && c.to === recordId) && c.field !== part?.field,
  );
  // On the part's own page (a refund's) the page names it already.
  if (!part || part.id === recordId) return lines;
  return [{ field: part.field, from: undefined, to: part.id, lead: true }, ...lines];
}

const partKey = (after: unknown) => {
  const part = auditPartOf(after);
  return part ? `${part.field}:${part.id}` : null;
};

/** A snapshot value as text: a list by its items (a prize by its title), other objects as JSON. */
export const show = (v: unknown): string => {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v))
    return v.length === 0
      ? '—'
      : v
          .map((x) =>
            x && typeof x === 'object' && 'title' in x ? String((x as { title: unknown }).title) : item(x),
          )
          .join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/**
 * One object of a list by its plain values (a chat identity: "whatsapp · 595981100001"), not its
 * keys; its ids left out (a raffle's winner reads as its ticket number, not the order's UUID).
 */
const item = (x: unknown): string =>
  x && typeof x === 'object' && !Array.isArray(x)
    ? Object.values(x)
        .filter(
          (v) => v !== null && typeof v !== 'object' && !/^\d{4}-\d{2}-\d{2}T/.test(String(v)) && !isUuid(v),
        )
        .join(' · ')
    : show(x);

/**
 * What each entry of one record's history changed, newest first: an entry that stored only the
 * record after the change (`raffle.raffle.selling`) is compared with the entry before it, so the
 * history shows "status: draft → selling" instead of every field again. An entry about a part of the
 * record (a refund of the payment, `auditPartOf`) is compared with that part's entry before it, and
 * the record's own entries with the record's.
 */
export function historyChanges(items: ReadonlyArray<AuditItem>): { before: unknown; after: unknown }[] {
  return items.map((item, i) => {
    // An entry with no snapshot (a sign-in, a message sent) changed no field of the record.
    if (item.before == null && item.after == null) return { before: null, after: null };
    const hasBefore = item.before !== null && item.before !== undefined;
    const part = partKey(item.after);
    const older = items
      .slice(i + 1)
      .find((o) => o.after !== null && o.after !== undefined && partKey(o.after) === part);
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

/**
 * Who did it, in the reader's words: a customer of the prepaid portal is stored as a contact whose
 * id is `portal` (`portal:<user id>` once signed in) and whose label is only their name, so it
 * reads "Portal: Uwase (Uwase household)"; background work (a job, the demo seed) by what it does
 * ("Payment status check"), one with no words as "Background job: <name>"; any other actor by its label.
 */
export function actorName(
  actor: AuditItem['actor'],
  translate: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (actor.type === 'contact' && (actor.id === 'portal' || actor.id?.startsWith('portal:')))
    return actor.label
      ? translate('od.audit.portal_actor', { name: actor.label })
      : translate('od.audit.portal');
  if (actor.type === 'system' && actor.label)
    return translate(systemActorKey(actor.label), {
      _: translate('od.audit.background_job', { name: actor.label }),
    });
  return actor.label ?? actor.id ?? '—';
}

/** What the history needs of a resource to word a snapshot's fields (its columns and form fields). */
export interface FieldSource {
  columns: ReadonlyArray<{ name: string; label: string; type: string }>;
  form?: { fields: ReadonlyArray<{ name: string; label: string }> } | null;
}

/**
 * The audit subject types an id field may point at, most likely first: `deviceId` in a
 * `coffee_alarm`'s snapshot is a `coffee_device` (its own area's), else a core `device`;
 * `movedBillIds` of an `exhibition_customer` are `exhibition_bill`s; `raffleId` of a `raffle_order`
 * is a `raffle_raffle`.
 */
export function referencedSubjects(subjectType: string | undefined, field: string): string[] {
  // A part's id (a refund) names core's record of it in any area's snapshot.
  const part = PART_FIELDS[field];
  if (part) return [part];
  const thing = /^(.+?)(?:Ids?|_ids?)$/.exec(field)?.[1];
  if (!thing) return [];
  const snake = thing.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const area = subjectType?.split('_')[0];
  const last = snake.split('_').pop() as string;
  const own = area ? [`${area}_${snake}`, `${area}_${last}`] : [];
  return [...new Set([...own, snake])];
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

/**
 * The days of a weekly schedule (ISO numbers, Monday 1 … Sunday 7) by their names in `locale`
 * ("Mon, Wed, Fri"); null when the value is not such a list. Every day reads as `everyDay`.
 */
export function weekdayWords(v: unknown, locale: string, everyDay: string): string | null {
  if (!Array.isArray(v) || v.length === 0 || !v.every((d) => Number.isInteger(d) && d >= 1 && d <= 7))
    return null;
  const days = [...new Set(v as number[])].sort((a, b) => a - b);
  if (days.length === 7) return everyDay;
  const name = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return days.map((d) => name.format(Date.UTC(2024, 0, d))).join(', ');
}
