import { ApiError } from '../../../../web/console/src/extensions/index.ts';

/** The HTTP status of a refused call; 0 for anything else (a network failure). */
export const statusOf = (err: unknown) => (err instanceof ApiError ? err.problem.status : 0);

/**
 * A refusal in the clerk's words: one naming its fields says which and what to type
 * ("Phone: write + and the country code…"), anything else its message.
 */
export function problemText(err: unknown, translate: (key: string, options?: object) => string): string {
  const fields = err instanceof ApiError ? Object.entries(err.fieldWords).filter(([f]) => f !== 'root') : [];
  if (fields.length === 0) return err instanceof Error ? err.message : String(err);
  return fields
    .map(([field, words]) => `${translate(`exhibition.fields.${field}`, { _: field })}: ${words}`)
    .join(' · ');
}
