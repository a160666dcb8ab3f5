import type { Ctx } from '../context/index.ts';

/** Two contacts became one: `mergeId` now lives on as `keepId`. */
export interface ContactsMerged {
  keepId: string;
  mergeId: string;
}

/** Re-points a module's own rows from `mergeId` to `keepId`, in the merge's transaction (`tx`). */
export type ContactsMergedHandler = (tx: Ctx, event: ContactsMerged) => Promise<void>;

const handlers = new Map<string, ContactsMergedHandler>();

/**
 * Registers what a module does when two contacts merge. Handlers run inside the merge's
 * transaction, in registration order; one that throws rolls the whole merge back. Registering the
 * same `name` again replaces the handler, so calling this from a module's factory on every app build
 * is safe. Returns a function that unregisters it.
 */
export function onContactsMerged(name: string, handler: ContactsMergedHandler): () => void {
  handlers.set(name, handler);
  return () => {
    if (handlers.get(name) === handler) handlers.delete(name);
  };
}

/** Runs every registered handler in the caller's transaction. */
export async function runContactsMergedHandlers(tx: Ctx, event: ContactsMerged): Promise<void> {
  for (const handler of [...handlers.values()]) await handler(tx, event);
}
