import { idFieldOf } from './list-query.ts';
import type { ColumnType, FilterKind, ResourceDefinition } from './resource.types.ts';

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
    options: string[] | null;
    defaultVisible: boolean;
  }[];
  search: boolean;
  actions: { name: string; label: string; bulk: boolean; confirm: boolean; allowed: boolean }[];
  /** Null when the resource has no import or the caller may not import. */
  importable: { columns: { name: string; required: boolean }[] } | null;
  exportable: true;
  idField: string;
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
      options: c.options ? [...c.options] : null,
      defaultVisible: c.defaultVisible ?? true,
    })),
    search: r.columns.some((c) => c.searchable),
    actions: (r.actions ?? []).map((a) => ({
      name: a.name,
      label: a.label,
      bulk: a.bulk,
      confirm: a.confirm,
      allowed: permissions.has(a.permission),
    })),
    importable:
      mayImport && r.import
        ? { columns: r.import.columns.map((c) => ({ name: c.name, required: c.required })) }
        : null,
    exportable: true,
    idField: idFieldOf(r),
  };
}
