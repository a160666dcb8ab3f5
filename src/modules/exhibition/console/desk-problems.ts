import { ApiError } from '../../../../web/console/src/extensions/index.ts';

/** The HTTP status of a refused call; 0 for anything else (a network failure). */
export const statusOf = (err: unknown) => (err instanceof ApiError ? err.problem.status : 0);

/** The server's code for "neither a phone nor an e-mail" on both fields (exhibition customers.ts). */
const PHONE_OR_EMAIL = 'phone_or_email_required';

/**
 * Each field a refusal names (`email`, `phone`) with what to type, in the clerk's words: the desk
 * shows them under their fields, every one at once.
 */
export function fieldProblems(
  err: unknown,
  translate: (key: string, options?: object) => string,
): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const words: Record<string, string> = {};
  for (const issue of err.problem.errors ?? [])
    if (issue.field && issue.field !== 'root')
      words[issue.field] =
        issue.code === PHONE_OR_EMAIL
          ? translate('exhibition.desk.phoneOrEmail')
          : (err.fieldWords[issue.field] ?? issue.message);
  return words;
}

/**
 * A refusal in the clerk's words: one naming its fields says which and what to type
 * ("Phone: write + and the country code…"), anything else its message.
 */
export function problemText(err: unknown, translate: (key: string, options?: object) => string): string {
  const fields = Object.entries(fieldProblems(err, translate));
  if (fields.length === 0) return err instanceof Error ? err.message : String(err);
  // The same words for every field ("give a phone or an e-mail") are said once.
  if (fields.length > 1 && new Set(fields.map(([, words]) => words)).size === 1) return fields[0]![1];
  return fields
    .map(([field, words]) => `${translate(`exhibition.fields.${field}`, { _: field })}: ${words}`)
    .join(' · ');
}
