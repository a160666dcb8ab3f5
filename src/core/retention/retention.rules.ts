/** Pure rules of data retention: which period applies to a kind, and the cutoff it gives. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Longest period an organization may choose (ten years); `null` keeps a kind forever. */
export const MAX_RETENTION_DAYS = 3650;

export interface KindPeriod {
  kind: string;
  defaultDays: number;
  /** The period in force: the organization's choice, else the default; null: kept forever. */
  days: number | null;
  /** Data older than this may go; null when the kind is kept forever. */
  cutoff: Date | null;
}

/** The period of every declared kind for one organization, given what it stored (`kind → days | null`). */
export function periodsInForce(
  kinds: ReadonlyArray<{ kind: string; defaultDays: number }>,
  stored: Readonly<Record<string, unknown>>,
  now: Date,
): KindPeriod[] {
  return kinds.map(({ kind, defaultDays }) => {
    const chosen = stored[kind];
    const days =
      chosen === null ? null : typeof chosen === 'number' && validDays(chosen) ? chosen : defaultDays;
    return { kind, defaultDays, days, cutoff: days === null ? null : cutoffFor(now, days) };
  });
}

/** The moment `days` whole days before `now`. */
export const cutoffFor = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

export const validDays = (days: number): boolean =>
  Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS;

/** Kinds named in a settings change that no area declares (refused: a typo would silently do nothing). */
export const unknownKinds = (changed: Readonly<Record<string, unknown>>, declared: ReadonlyArray<string>) =>
  Object.keys(changed).filter((kind) => !declared.includes(kind));
