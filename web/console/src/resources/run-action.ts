import { api } from '../api/http.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';

export interface ActionResult {
  /** Ids done (the contract's first draft said a count; both are read). */
  done: string[] | number;
  failed: { id: string; code: string; message: string }[];
}

/** `POST {path}/actions/{action}` for some records. */
export function runAction(meta: ResourceMeta, action: string, ids: (string | number)[], input?: unknown) {
  return api<ActionResult>(`${meta.path}/actions/${encodeURIComponent(action)}`, {
    method: 'POST',
    body: { ids: ids.map(String), ...(input === undefined ? {} : { input }) },
  });
}
