import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { resolveLocale } from '../../core/i18n/index.ts';
import { type ListedTemplate, listed } from '../../core/notifications/index.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import {
  exhibitionMail,
  moneyReturnedTemplate,
  statementTemplate,
  welcomeTemplate,
} from './exhibition.notifications.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import {
  EDITABLE_MAIL_KEYS,
  EDITABLE_MAILS,
  type EditableMail,
  MAIL_LOCALES,
  type MailLocale,
  type MailWording,
  unknownPlaceholders,
} from './mail-texts.rules.ts';

/** One customer e-mail in one language as the desk edits it: its words, the default's, its placeholders. */
export interface MailTextView extends MailWording {
  template: EditableMail;
  locale: MailLocale;
  /** False while the organization uses the default words. */
  edited: boolean;
  defaultSubject: string;
  defaultBody: string;
  placeholders: string[];
}

const TEMPLATES: Record<EditableMail, ListedTemplate> = {
  'exhibition.welcome': listed(welcomeTemplate),
  'exhibition.statement': listed(statementTemplate),
  'exhibition.money_returned': listed(moneyReturnedTemplate),
};

const tables = (ctx: Ctx) => ctx.db.withTables<ExhibitionTables>();

/** The default words with each placeholder left in place (`{{name}}`): what an edit starts from. */
export function defaultWording(template: EditableMail, locale: MailLocale): MailWording {
  const marks = Object.fromEntries(EDITABLE_MAILS[template].map((p) => [p, `{{${p}}}`])) as never;
  const t = TEMPLATES[template];
  return { subject: t.subject!(locale, marks), body: t.body(locale, marks) };
}

/** The organization's words for an e-mail in a customer's language, if the desk edited them. */
export async function mailWordingFor(
  ctx: Ctx,
  template: EditableMail,
  language: string,
): Promise<MailWording | undefined> {
  const row = await tables(ctx)
    .selectFrom('exhibition_mail_text')
    .select(['subject', 'body'])
    .where('template', '=', template)
    .where('locale', '=', resolveLocale(language))
    .executeTakeFirst();
  return row ?? undefined;
}

/** Every customer e-mail in every language, edited or default. */
export async function listMailTexts(ctx: Ctx): Promise<MailTextView[]> {
  const rows = await tables(ctx).selectFrom('exhibition_mail_text').selectAll().execute();
  return EDITABLE_MAIL_KEYS.flatMap((template) =>
    MAIL_LOCALES.map((locale) => {
      const fallback = defaultWording(template, locale);
      const row = rows.find((r) => r.template === template && r.locale === locale);
      return {
        template,
        locale,
        subject: row?.subject ?? fallback.subject,
        body: row?.body ?? fallback.body,
        edited: row !== undefined,
        defaultSubject: fallback.subject,
        defaultBody: fallback.body,
        placeholders: [...EDITABLE_MAILS[template]],
      };
    }),
  );
}

/** Refuses words that name a value the e-mail does not have, naming the field and the placeholder. */
export function checkWording(template: EditableMail, wording: MailWording): void {
  const fields = (['subject', 'body'] as const).flatMap((field) =>
    unknownPlaceholders(template, wording[field]).map((name) => ({
      field: `body.${field}`,
      code: 'unknown_placeholder',
      expected: `{{${name}}}`,
      message: `{{${name}}} is not a value of this e-mail; it has ${EDITABLE_MAILS[template].map((p) => `{{${p}}}`).join(', ')}`,
    })),
  );
  if (fields.length)
    throw ExhibitionErrors.mail_text_invalid(
      { template, unknown: fields.map((f) => f.expected) },
      { fields },
    );
}

/** Saves the organization's words for one e-mail in one language, audited with the words before. */
export async function saveMailText(
  ctx: Ctx,
  template: EditableMail,
  locale: MailLocale,
  wording: MailWording,
): Promise<MailTextView> {
  checkWording(template, wording);
  await inTransaction(ctx, async (tx) => {
    const before = await mailWordingFor(tx, template, locale);
    await tables(tx)
      .insertInto('exhibition_mail_text')
      .values({ template, locale, subject: wording.subject, body: wording.body })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'template', 'locale'])
          .doUpdateSet({ subject: wording.subject, body: wording.body, updated_at: tx.clock.now() }),
      )
      .execute();
    await recordAudit(tx, {
      action: 'exhibition.mail_text.changed',
      subject: { type: 'exhibition_mail_text', id: `${template}:${locale}` },
      before: before ?? null,
      after: wording,
    });
  });
  return (await listMailTexts(ctx)).find((v) => v.template === template && v.locale === locale)!;
}

/** Back to the default words for one e-mail in one language. */
export async function resetMailText(
  ctx: Ctx,
  template: EditableMail,
  locale: MailLocale,
): Promise<MailTextView> {
  await inTransaction(ctx, async (tx) => {
    const before = await mailWordingFor(tx, template, locale);
    if (!before) return;
    await tables(tx)
      .deleteFrom('exhibition_mail_text')
      .where('template', '=', template)
      .where('locale', '=', locale)
      .execute();
    await recordAudit(tx, {
      action: 'exhibition.mail_text.reset',
      subject: { type: 'exhibition_mail_text', id: `${template}:${locale}` },
      before,
    });
  });
  return (await listMailTexts(ctx)).find((v) => v.template === template && v.locale === locale)!;
}

/** What a customer would read with these words: a sample customer's e-mail, subject and body. */
export function previewMailText(
  template: EditableMail,
  locale: MailLocale,
  wording: MailWording,
): MailWording {
  checkWording(template, wording);
  const w = (key: string) => exhibitionMail.t(locale, `exhibition-mail:sample.${key}`);
  const sample = {
    name: 'Meera Iyer',
    exhibition: w('exhibition'),
    code: 'K7QM-4XPA',
    billCount: 3,
    total: '$ 42.50',
    paid: '$ 42.50',
    refunded: '$ 5.00',
    net: '$ 37.50',
    amount: '$ 5.00',
    bill: w('bill'),
    booth: w('booth'),
    method: exhibitionMail.t(locale, 'exhibition-mail:returned.cash'),
    reason: w('reason'),
    wording,
  } as never;
  const t = TEMPLATES[template];
  return { subject: t.subject!(locale, sample), body: t.body(locale, sample) };
}
