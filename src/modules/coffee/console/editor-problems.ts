import type { useTranslate } from 'react-admin';
import type { ApiError } from '../../../../web/console/src/extensions/index.ts';
import { placeIssue } from './recipe-form.ts';

/** Problems by field key (`0.name`, `0.steps.1.type`), and those of the package as a whole. */
export interface Problems {
  fields: Record<string, string>;
  general: string[];
}
export const NO_PROBLEMS: Problems = { fields: {}, general: [] };

/** The server's field errors placed on the editor's fields, each saying what was expected. */
export function problemsOf(err: ApiError, translate: ReturnType<typeof useTranslate>): Problems {
  const out: Problems = { fields: {}, general: [] };
  for (const issue of err.problem.errors ?? []) {
    const words = err.fieldWords[issue.field] ?? issue.message;
    const expected =
      issue.code === 'invalid_type' && issue.expected
        ? ` (${translate(`coffee.editor.types.${String(issue.expected)}`, { _: String(issue.expected) })})`
        : '';
    const { recipe, key, inside } = placeIssue(issue.field);
    const text = `${inside ? `${inside}: ` : ''}${words}${expected}`;
    if (key) out.fields[key] = out.fields[key] ? `${out.fields[key]}; ${text}` : text;
    else
      out.general.push(
        recipe !== undefined
          ? `${translate('coffee.editor.recipe', { n: recipe + 1 })}: ${words}${expected}`
          : `${issue.field}: ${words}`,
      );
  }
  if (!out.general.length && !Object.keys(out.fields).length) out.general.push(err.message);
  return out;
}

/** How many fields need a fix. */
export const problemCount = (p: Problems) => Object.keys(p.fields).length + p.general.length;
