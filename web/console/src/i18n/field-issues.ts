/** A field issue of a problem+json answer (zod's code, English message, and what was expected). */
export interface IssueFacts {
  code?: string;
  message: string;
  expected?: unknown;
}

/** An i18n key with its values: how the console words a field issue in the staff member's language. */
export interface IssueWords {
  key: string;
  params: Record<string, string | number>;
}

const number = (text: string) => /(-?\d+(?:\.\d+)?)/.exec(text)?.[1];

/**
 * Reads zod's issue codes into the console's own words (`od.validation.*`): "required", "at least
 * 3 characters", "not a valid e-mail". Null where the console has no better words than the
 * server's (a module's own refinement), which then shows as sent.
 */
export function wordsForIssue(issue: IssueFacts): IssueWords | null {
  const expected = issue.expected === undefined ? '' : String(issue.expected);
  const text = /character/i.test(issue.message);
  const items = /item|element|array/i.test(issue.message);
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined|required/i.test(issue.message))
        return { key: 'od.validation.required', params: {} };
      return { key: 'od.validation.invalid_type', params: {} };
    case 'too_small': {
      const n = number(expected) ?? number(issue.message);
      if (n === undefined) return { key: 'od.validation.required', params: {} };
      if (text && n === '1') return { key: 'od.validation.required', params: {} };
      return {
        key: text ? 'od.validation.too_short' : items ? 'od.validation.too_few' : 'od.validation.too_small',
        params: { n },
      };
    }
    case 'too_big': {
      const n = number(expected) ?? number(issue.message);
      if (n === undefined) return null;
      return {
        key: text ? 'od.validation.too_long' : items ? 'od.validation.too_many' : 'od.validation.too_big',
        params: { n },
      };
    }
    case 'invalid_format':
      // Dates and times read as what to type, not as the format's name ("regex", "date").
      if (expected === 'date' || /YYYY-MM-DD/.test(issue.message))
        return { key: 'od.validation.invalid_date', params: {} };
      if (expected === 'time' || /HH:MM/.test(issue.message))
        return { key: 'od.validation.invalid_time', params: {} };
      if (expected === 'datetime') return { key: 'od.validation.invalid_datetime', params: {} };
      return { key: 'od.validation.invalid_format', params: { format: expected || 'format' } };
    case 'invalid_value':
      return { key: 'od.validation.invalid_value', params: { values: expected.replaceAll('"', '') } };
    // A contact identity the server refused (core contacts): what to type, in the reader's words.
    // A phone's `expected` is an example of the organization's country as dialled there
    // (`050 123 4567`), or an international number where the server knows no country.
    case 'invalid_phone':
      if (expected && !expected.startsWith('+'))
        return { key: 'od.validation.invalid_local_phone', params: { example: expected } };
      return { key: 'od.validation.invalid_phone', params: { example: expected || '+250788123456' } };
    case 'invalid_email':
      return { key: 'od.validation.invalid_email', params: {} };
    default:
      return null;
  }
}
