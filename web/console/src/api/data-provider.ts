import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import { api, toQuery } from './http.ts';
import { type ResourceMeta, resourceMeta } from './resource-meta.ts';

/** Resources of the platform itself; everything else comes from `GET /api/resources`. */
export const PLATFORM = {
  users: 'users',
  tokens: 'tokens',
  jobs: 'jobs',
  notifications: 'notifications',
} as const;

type Row = Record<string, unknown> & { id: string };

/** react-admin's results are generic over the record type; ours are plain JSON rows. */
// biome-ignore lint/suspicious/noExplicitAny: one cast point for react-admin's generic result types
const result = (value: object): any => value;

/** Sorts, filters and pages a list the server returns whole (staff, tokens: a few dozen rows). */
function pageLocally(rows: Row[], params: GetListParams) {
  const filter = params.filter ?? {};
  let out = rows.filter((row) =>
    Object.entries(filter).every(([key, value]) => {
      if (value === undefined || value === '' || value === null) return true;
      if (key === 'q') return JSON.stringify(row).toLowerCase().includes(String(value).toLowerCase());
      return String(row[key]) === String(value);
    }),
  );
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  out = [...out].sort((a, b) => {
    const x = String(a[field] ?? '');
    const y = String(b[field] ?? '');
    return order === 'DESC' ? y.localeCompare(x) : x.localeCompare(y);
  });
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  return { data: out.slice((page - 1) * perPage, page * perPage) as RaRecord[], total: out.length };
}

/** Turns react-admin list params into the resource contract's query string. */
export function resourceListQuery(
  params: Pick<GetListParams, 'pagination' | 'sort' | 'filter'>,
  sortable: ReadonlyArray<string>,
) {
  const query: Record<string, unknown> = {};
  if (params.pagination) {
    query.page = params.pagination.page;
    query.perPage = params.pagination.perPage;
  }
  if (params.sort?.field && sortable.includes(params.sort.field)) {
    query.sort = params.sort.field;
    query.order = params.sort.order === 'DESC' ? 'desc' : 'asc';
  }
  for (const [key, value] of Object.entries(params.filter ?? {})) query[key] = value;
  return toQuery(query);
}

/**
 * Keyset cursors of the lists seen in this tab: for a list (its path and query without the page),
 * the cursor that starts each page, learnt from the previous page's `nextCursor`. Paging forward
 * then costs as much at page 400 as at page 1; a page reached otherwise (a jump) goes by offset.
 */
const cursors = new Map<string, Map<number, string>>();
const MAX_REMEMBERED_LISTS = 20;

function cursorsOf(key: string): Map<number, string> {
  let pages = cursors.get(key);
  if (!pages) {
    if (cursors.size >= MAX_REMEMBERED_LISTS) cursors.delete(cursors.keys().next().value!);
    pages = new Map();
    cursors.set(key, pages);
  }
  return pages;
}

/** Columns the server sorts by; any other sort react-admin asks for is left to the server's default. */
export const sortableOf = (meta: ResourceMeta) => meta.columns.filter((c) => c.sortable).map((c) => c.name);

function unknownResource(resource: string): never {
  throw new Error(`Unknown resource ${resource}`);
}

const withId = (idField: string) => (item: Record<string, unknown>) =>
  ({ ...item, id: item[idField] as string }) as RaRecord;

/** The form's own fields, without empty optional values (absent, not `""`). */
function pick(data: Record<string, unknown>, fields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!fields.has(key) || value === '' || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.filter((v) => v !== '' && v !== null && v !== undefined) : value;
  }
  return out;
}

export function changedOnly(
  data: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!previous) return data;
  return Object.fromEntries(
    Object.entries(data).filter(([key, value]) => {
      // A field the record did not carry that the form left empty (an untouched list) is no change.
      const empty = value === null || (Array.isArray(value) && value.length === 0);
      if (previous[key] === undefined && empty) return false;
      return JSON.stringify(value) !== JSON.stringify(previous[key]);
    }),
  );
}

/**
 * react-admin's data provider: platform screens map onto their own endpoints, every other
 * resource onto the generic resource contract (`{path}?page&perPage&sort&order&q&<col>...`).
 */
export const dataProvider: DataProvider = {
  async getList(resource, params) {
    if (resource === PLATFORM.users) return result(pageLocally(await api<Row[]>('/api/users'), params));
    if (resource === PLATFORM.tokens) return result(pageLocally(await api<Row[]>('/api/tokens'), params));
    if (resource === PLATFORM.jobs) {
      const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
      const res = await api<{ items: Row[]; total: number }>(
        `/api/jobs${toQuery({ state: params.filter?.state, name: params.filter?.name, page, perPage })}`,
        { signal: params.signal },
      );
      return result({ data: res.items, total: res.total });
    }
    if (resource === PLATFORM.notifications) {
      const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
      const { status, channel, to } = params.filter ?? {};
      const res = await api<{ items: Row[]; total: number }>(
        `/api/notifications${toQuery({ status, channel, to, page, perPage })}`,
        { signal: params.signal },
      );
      return result({ data: res.items, total: res.total });
    }
    const meta = resourceMeta(resource) ?? unknownResource(resource);
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
    const listKey = `${meta.path}${resourceListQuery({ ...params, pagination: { page: 0, perPage } }, sortableOf(meta))}`;
    const pages = cursorsOf(listKey);
    const cursor = page > 1 ? pages.get(page) : undefined;
    const query = resourceListQuery(params, sortableOf(meta));
    const res = await api<{
      items: Record<string, unknown>[];
      total: number;
      totalExact?: boolean;
      nextCursor?: string | null;
    }>(`${meta.path}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      signal: params.signal,
    });
    if (res.nextCursor) pages.set(page + 1, res.nextCursor);
    return result({
      data: res.items.map(withId(meta.idField)),
      total: res.total,
      // An estimated total (a list past 10,000 records) is shown as "about ..." by ListPagination.
      meta: { totalExact: res.totalExact !== false },
    });
  },
  async getOne(resource, params) {
    if (resource === PLATFORM.users || resource === PLATFORM.tokens) {
      const rows = await api<Row[]>(`/api/${resource}`);
      const row = rows.find((r) => r.id === String(params.id));
      if (!row) throw new Error('ra.notification.item_doesnt_exist');
      return result({ data: row });
    }
    if (resource === PLATFORM.notifications) {
      return result({ data: await api<Row>(`/api/notifications/${encodeURIComponent(String(params.id))}`) });
    }
    const meta = resourceMeta(resource) ?? unknownResource(resource);
    const item = await api<Record<string, unknown>>(`${meta.path}/${encodeURIComponent(String(params.id))}`);
    return result({ data: withId(meta.idField)(item) });
  },
  async getMany(resource, params) {
    const all = await Promise.all(params.ids.map((id) => dataProvider.getOne(resource, { id })));
    return { data: all.map((r) => r.data) };
  },
  async getManyReference() {
    return { data: [], total: 0 };
  },
  async create(resource, params) {
    if (resource === PLATFORM.users) {
      return result({ data: await api<RaRecord>('/api/users', { method: 'POST', body: params.data }) });
    }
    const meta = resourceMeta(resource);
    if (meta?.form?.creatable) {
      const fields = new Set(meta.form.fields.filter((f) => f.on !== 'edit').map((f) => f.name));
      const body = pick(params.data as Record<string, unknown>, fields);
      const created = await api<{ id: string }>(meta.path, { method: 'POST', body });
      return result({ data: { ...body, id: created.id } });
    }
    throw new Error(`Creating ${resource} is not supported here`);
  },
  async update(resource, params) {
    if (resource === PLATFORM.users) {
      const { role, extraPermissions, disabled } = params.data as Record<string, unknown>;
      const body = { role, extraPermissions, disabled };
      return result({ data: await api<RaRecord>(`/api/users/${params.id}`, { method: 'PATCH', body }) });
    }
    const meta = resourceMeta(resource);
    if (meta?.form?.editable) {
      // Only what changed: the server keeps the rest, and the audit shows only these fields.
      const fields = new Set(meta.form.fields.filter((f) => f.on !== 'create').map((f) => f.name));
      const body = changedOnly(pick(params.data as Record<string, unknown>, fields), params.previousData);
      const url = `${meta.path}/${encodeURIComponent(String(params.id))}`;
      const item = await api<Record<string, unknown>>(url, { method: 'PATCH', body });
      return result({ data: withId(meta.idField)(item) });
    }
    throw new Error(`Editing ${resource} is not supported here`);
  },
  async updateMany() {
    throw new Error('Use a bulk action instead');
  },
  async delete(resource, params) {
    if (resource === PLATFORM.tokens) {
      await api(`/api/tokens/${params.id}`, { method: 'DELETE' });
      return result({ data: params.previousData ?? { id: params.id } });
    }
    throw new Error(`Deleting ${resource} is not supported here`);
  },
  async deleteMany() {
    throw new Error('Use a bulk action instead');
  },
};
