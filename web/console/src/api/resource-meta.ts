import type { TranslateFunction } from 'react-admin';
import { labelOf, titleText } from '../i18n/labels.ts';
import { api } from './http.ts';

/** Column of a generic resource, as `GET /api/resources` describes it. */
export interface ColumnMeta {
  name: string;
  type: 'id' | 'text' | 'number' | 'money' | 'date' | 'datetime' | 'enum' | 'boolean' | 'file' | 'message';
  label: string;
  sortable: boolean;
  filter: 'eq' | 'contains' | 'range' | 'enum' | 'boolean' | null;
  options?: { value: string; label: string }[] | string[];
  /** Options drawn in a colour of the theme (a critical alarm `error`); others read neutral. */
  optionColors?: Record<string, 'error' | 'warning' | 'success' | 'info'>;
  defaultVisible: boolean;
  /** False: the record's page leaves it off (a meal window's or a scanner's key, worded by another column). */
  recordPage?: false;
  /** `money`: the currency, fixed or named by another column of the row; null = the organization's. */
  currency?: { code: string } | { column: string } | null;
}

export interface ActionMeta {
  name: string;
  label: string;
  bulk: boolean;
  confirm: boolean | string;
  allowed: boolean;
  /** Fields to ask for before running (a deny reason); empty when the action needs none. */
  inputFields?: {
    name: string;
    type: 'text' | 'number' | 'boolean';
    required: boolean;
    maxLength?: number;
  }[];
}

/** One field of a resource's create/edit form (server: `ResourceFormField`). */
export interface FormFieldMeta {
  name: string;
  type:
    | 'text'
    | 'textarea'
    | 'number'
    | 'money'
    | 'date'
    | 'time'
    | 'datetime'
    | 'enum'
    | 'boolean'
    | 'reference'
    | 'file'
    | 'list';
  label: string;
  required: boolean;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  options: string[] | null;
  reference: string | null;
  /** `reference`: several ids (a list). */
  multiple?: boolean;
  currency: { code: string } | { field: string } | null;
  on: 'create' | 'edit' | null;
  /** Asked only while `field` holds one of `values`. */
  shownWhen?: { field: string; values: string[] };
}

/** One resource of the generic resource framework (server: `src/core/resources`). */
export interface ResourceMeta {
  name: string;
  label: string;
  path: string;
  columns: ColumnMeta[];
  search: boolean;
  actions: ActionMeta[];
  /** Files made of the selected records (a PDF of their passes). */
  downloads?: { name: string; label: string; allowed: boolean }[];
  importable: {
    columns: { name: string; required: boolean }[];
    /** Its new records send messages (welcome e-mails): the import asks before sending them. */
    messages?: boolean;
    allowed?: boolean;
  } | null;
  exportable: boolean;
  idField: string;
  /** The column that names a record (titles instead of ids); null: the id names it. */
  titleColumn?: string | null;
  /** `subject.type` of the record's audit events. */
  auditSubject?: string;
  form?: { fields: FormFieldMeta[]; creatable: boolean; editable: boolean } | null;
}

let cache: Promise<ResourceMeta[]> | null = null;

/** Every resource the caller may see; an empty list until the server side exists. */
export function loadResourceMeta(force = false): Promise<ResourceMeta[]> {
  if (!cache || force) {
    cache = api<ResourceMeta[]>('/api/resources').catch((err: { status?: number }) => {
      if (err.status === 404 || err.status === 403) return [];
      cache = null;
      throw err;
    });
  }
  return cache;
}

/** Drops the cached list (after sign-in, sign-out or an organization switch). */
export function forgetResourceMeta(): void {
  cache = null;
}

const byName = new Map<string, ResourceMeta>();

export function rememberResources(list: ResourceMeta[]): void {
  byName.clear();
  for (const r of list) byName.set(r.name, r);
}

export function resourceMeta(name: string): ResourceMeta | undefined {
  return byName.get(name);
}

/** The resource whose records an audit subject type names (`raffle_raffle`), if the caller sees one. */
export function resourceOfAuditSubject(type: string): ResourceMeta | undefined {
  for (const r of byName.values()) if (r.auditSubject === type) return r;
  return undefined;
}

/**
 * An enum column's values with the i18n key of each: a plain value is worded by the column's
 * area (`raffle.options.pending_payment` for a column labelled `raffle.fields.status`), and reads
 * as the humanized value where the area has no word for it.
 */
export function optionsOf(column: ColumnMeta): { id: string; name: string }[] {
  const area = column.label.split('.')[0];
  return (column.options ?? []).map((o) =>
    typeof o === 'string' ? { id: o, name: `${area}.options.${o}` } : { id: o.value, name: o.label },
  );
}

/**
 * A record's title in the reader's words, or undefined where it has none: a title that is one of its
 * column's options (a tariff's "residential") reads as its cell does, a `message` title (a coffee
 * alarm's) in the reader's language, anything else as stored.
 */
export function titleWords(
  meta: ResourceMeta,
  record: Record<string, unknown> | undefined,
  translate: TranslateFunction,
): string | undefined {
  const column = meta.columns.find((c) => c.name === meta.titleColumn);
  const value = column && record ? record[column.name] : undefined;
  if (value === null || value === undefined || value === '') return undefined;
  const option = column?.type === 'enum' ? optionsOf(column).find((o) => o.id === value) : undefined;
  return option ? labelOf(translate, option.name) : titleText(translate, value);
}
