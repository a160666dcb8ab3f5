import type { Ctx } from '../context/index.ts';
import { titleColumnOf } from './describe-resource.ts';
import { parseListParams } from './list-params.rules.ts';
import { listResource } from './list-query.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { idFieldOf } from './resource-rows.ts';

/** How many records of each resource one look-up shows. */
export const FOUND_PER_RESOURCE = 5;

export interface FoundRecord {
  /** The resource's name (`mess.students`): the console opens `/{resource}/{id}/show`. */
  resource: string;
  /** i18n key of the resource's name, shown beside the record. */
  label: string;
  id: string;
  title: string;
  /** The record's other searched values (a roll number, a code, a phone), as typed in the list. */
  detail: string[];
}

/**
 * Records whose searched columns hold `q`, from each resource that offers `quickFind` and the caller
 * may read: students, customers, meters, orders, machines and buyers found by name or code from
 * Ctrl+K. Each resource is searched as its own list searches (words as parts of words, then near
 * misses), in the caller's organization.
 */
export async function findRecords(
  ctx: Ctx,
  resources: ReadonlyArray<ResourceDefinition>,
  permissions: ReadonlySet<string>,
  q: string,
): Promise<FoundRecord[]> {
  const found: FoundRecord[] = [];
  for (const resource of resources) {
    if (!resource.quickFind || !permissions.has(resource.permission.read)) continue;
    const params = parseListParams(resource, { q, perPage: String(FOUND_PER_RESOURCE) });
    const page = await listResource(ctx, resource, params);
    const title = titleColumnOf(resource);
    const searched = resource.columns.filter((c) => c.searchable && c.name !== title).map((c) => c.name);
    for (const item of page.items) {
      const values = searched.flatMap((name) =>
        item[name] == null || item[name] === '' ? [] : [String(item[name])],
      );
      // A record without a title column (an order) is named by what it was found by, never its id.
      const named =
        title && item[title] != null && item[title] !== '' ? titleOf(item[title]) : values.shift();
      found.push({
        resource: resource.name,
        label: resource.label,
        id: String(item[idFieldOf(resource)]),
        title: named ?? '',
        detail: values,
      });
    }
  }
  return found;
}

/** A title as text: a `message` title (a raffle order's) by its English sentence, anything else as stored. */
const titleOf = (value: unknown): string =>
  typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
    ? (value as { text: string }).text
    : String(value);
