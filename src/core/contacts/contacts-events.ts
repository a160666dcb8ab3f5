/** Two contacts became one: `mergeId` now lives on as `keepId`. */
export interface ContactsMerged {
  keepId: string;
  mergeId: string;
}

/**
 * Raised inside the merge's transaction; modules re-point their rows in `hooks.contactsMerged`.
 * A handler that throws rolls the whole merge back.
 */
declare module '../context/index.ts' {
  interface CoreEvents {
    'contacts.merged': ContactsMerged;
  }
}
