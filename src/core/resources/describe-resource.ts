import { type ZodType, z } from 'zod';
import { columnOptions } from './column-options.ts';
import type {
  ColumnType,
  FilterKind,
  FormFieldType,
  OptionColor,
  ResourceColumn,
  ResourceDefinition,
  ResourceFormField,
} from './resource.types.ts';
import { idFieldOf } from './resource-rows.ts';

/** What the console needs to draw a resource's screens for one caller. */
export interface ResourceDescription {
  name: string;
  label: string;
  path: string;
  columns: {
    name: string;
    type: ColumnType;
    label: string;
    sortable: boolean;
    filter: FilterKind | null;
    /** Plain values are worded by the console (`<area>.options.<value>`); others carry their i18n key. */
    options: Array<string | { value: string; label: string }> | null;
    /** Options drawn in a colour (`critical` → `error`); absent when the column declares none. */
    optionColors?: Readonly<Record<string, OptionColor>>;
    defaultVisible: boolean;
    /** False: left off the record's page (a key another column words); absent otherwise. */
    recordPage?: false;
    currency: { code: string } | { column: string } | null;
  }[];
  search: boolean;
  actions: {
    name: string;
    label: string;
    bulk: boolean;
    confirm: boolean | string;
    allowed: boolean;
    /** Fields the console asks for before running the action (from its `input` schema). */
    inputFields: ActionInputField[];
  }[];
  /** Files of selected records (`POST {path}/downloads/{name}`), and whether this caller may make each. */
  downloads: { name: string; label: string; allowed: boolean }[];
  /** Null when the resource has no import or the caller may not import. */
  importable: { columns: { name: string; required: boolean }[]; messages: boolean } | null;
  exportable: true;
  idField: string;
  /** The column that names a record (page titles, references), or null: the id names it. */
  titleColumn: string | null;
  /** `subject.type` of the record's audit events (the console words their fields by this resource). */
  auditSubject: string;
  /** The create/edit form, and whether this caller may submit it; null when the resource has none. */
  form: {
    fields: FormFieldDescription[];
    creatable: boolean;
    editable: boolean;
  } | null;
}

export interface FormFieldDescription {
  name: string;
  type: FormFieldType;
  label: string;
  required: boolean;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  options: string[] | null;
  reference: string | null;
  multiple: boolean;
  currency: { code: string } | { field: string } | null;
  on: 'create' | 'edit' | null;
  shownWhen?: { field: string; values: string[] };
}

function describeField(f: ResourceFormField): FormFieldDescription {
  return {
    name: f.name,
    type: f.type,
    label: f.label,
    required: f.required ?? false,
    min: f.min ?? null,
    max: f.max ?? null,
    maxLength: f.maxLength ?? null,
    options: f.options ? [...f.options] : null,
    reference: f.reference ?? null,
    multiple: f.multiple ?? false,
    currency: f.currency ?? null,
    on: f.on ?? null,
    ...(f.shownWhen ? { shownWhen: { field: f.shownWhen.field, values: [...f.shownWhen.values] } } : {}),
  };
}

function describeOptions(c: ResourceColumn): Array<string | { value: string; label: string }> {
  const label = c.optionLabel;
  return columnOptions(c).map((value) => (label ? { value, label: label(value) } : value));
}

/** `titleColumn`, else a `title` or `name` column, else none. */
export function titleColumnOf(r: ResourceDefinition): string | null {
  if (r.titleColumn) return r.titleColumn;
  return r.columns.find((c) => c.name === 'title' || c.name === 'name')?.name ?? null;
}

export interface ActionInputField {
  name: string;
  type: 'text' | 'number' | 'boolean';
  required: boolean;
  maxLength?: number;
}

/** The top-level fields of an action's input schema, as a form needs them. */
function inputFieldsOf(schema: ZodType): ActionInputField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { type?: string; maxLength?: number }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type === 'number' || p.type === 'integer' ? 'number' : p.type === 'boolean' ? 'boolean' : 'text',
    required: json.required?.includes(name) ?? false,
    ...(p.maxLength ? { maxLength: p.maxLength } : {}),
  }));
}

/** The resources a caller may read, described with what the caller may do on each. */
export function describeResources(
  resources: ReadonlyArray<ResourceDefinition>,
  permissions: ReadonlySet<string>,
): ResourceDescription[] {
  return resources
    .filter((r) => permissions.has(r.permission.read))
    .map((r) => describeResource(r, permissions));
}

export function describeResource(
  r: ResourceDefinition,
  permissions: ReadonlySet<string>,
): ResourceDescription {
  const mayImport = r.import && r.permission.import && permissions.has(r.permission.import);
  return {
    name: r.name,
    label: r.label,
    path: r.path,
    columns: r.columns.map((c) => ({
      name: c.name,
      type: c.type,
      label: c.label,
      sortable: c.sortable ?? false,
      filter: c.filter ?? null,
      options: c.options ? describeOptions(c) : null,
      ...(c.optionColors ? { optionColors: c.optionColors } : {}),
      defaultVisible: c.defaultVisible ?? true,
      ...(c.recordPage === false ? { recordPage: false as const } : {}),
      currency: c.currency ?? null,
    })),
    search: r.columns.some((c) => c.searchable),
    actions: (r.actions ?? []).map((a) => ({
      name: a.name,
      label: a.label,
      bulk: a.bulk,
      confirm: a.confirm,
      allowed: permissions.has(a.permission),
      inputFields: a.input ? inputFieldsOf(a.input) : [],
    })),
    downloads: (r.downloads ?? []).map((d) => ({
      name: d.name,
      label: d.label,
      allowed: permissions.has(d.permission),
    })),
    importable:
      mayImport && r.import
        ? {
            columns: r.import.columns.map((c) => ({ name: c.name, required: c.required })),
            messages: r.import.messagesFor !== undefined,
          }
        : null,
    exportable: true,
    idField: idFieldOf(r),
    titleColumn: titleColumnOf(r),
    auditSubject: r.auditSubject ?? r.table,
    form: r.form
      ? {
          fields: r.form.fields.map(describeField),
          creatable: !!r.form.create && permissions.has(r.form.create.permission),
          editable: !!r.form.update && permissions.has(r.form.update.permission),
        }
      : null,
  };
}
