import type { z } from 'zod';
import { AppError } from '../../platform/errors/index.ts';
import type { Locale } from '../i18n/index.ts';
import { testMessageTemplate } from './core-templates.ts';

/**
 * A message template: renders a subject (e-mail; ignored by chat channels) and a text body in a
 * locale. Rendering happens at enqueue, so the stored text is exactly what was sent.
 */
export interface NotificationTemplate<D = Record<string, unknown>> {
  /** Checks the data at enqueue; a mismatch is refused before anything is stored. */
  data?: z.ZodType<D>;
  subject(locale: Locale, data: D): string;
  body(locale: Locale, data: D): string;
}

const KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
/** The core's own templates; areas and modules add theirs with `registerTemplate`. */
const templates = new Map<string, NotificationTemplate<never>>([
  ['core.test_message', testMessageTemplate as NotificationTemplate<never>],
]);

/** Registers a template under a dotted key owned by its area (`mess.pass_issued`); keys are unique. */
export function registerTemplate<D>(key: string, template: NotificationTemplate<D>): void {
  if (!KEY.test(key)) throw new Error(`template key ${key} must be dotted lowercase, like mess.pass_issued`);
  const known = templates.get(key);
  if (known && known !== (template as NotificationTemplate<never>))
    throw new Error(`template ${key} is registered twice`);
  templates.set(key, template as NotificationTemplate<never>);
}

/** Renders a registered template; unknown keys and data that does not fit are refused. */
export function renderTemplate(
  key: string,
  locale: Locale,
  data: Record<string, unknown>,
): { subject: string; body: string } {
  const template = templates.get(key) as NotificationTemplate<unknown> | undefined;
  if (!template) throw new AppError('unknown_template', { template: key });
  let input: unknown = data;
  if (template.data) {
    const parsed = template.data.safeParse(data);
    if (!parsed.success)
      throw new AppError('invalid_template_data', {
        template: key,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    input = parsed.data;
  }
  return { subject: template.subject(locale, input), body: template.body(locale, input) };
}
