import { auditInsertSql, recordAudit } from '../../core/audit/index.ts';
import { createUniqueCode, formatCode } from '../../core/codes/index.ts';
import { normalizeExternalId, readStaffPhone } from '../../core/contacts/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../../core/context/index.ts';
import { messageOutcomes } from '../../core/notifications/index.ts';
import { sql } from '../../platform/db/index.ts';
import { type AppError, isAppError, PlatformErrors } from '../../platform/errors/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { sendWelcome } from './customer-welcome.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { duplicateReasons } from './exhibition.rules.ts';
import { EXHIBITION_TOPICS, type ExhibitionRuntime } from './exhibition.runtime.ts';
import type { CustomerLanguage } from './exhibition.tables.ts';
import { getExhibition } from './exhibitions.ts';

/** Customer codes: 8 characters, the last one a check character (core/codes). */
export const CUSTOMER_CODE_LENGTH = 8;

export interface CustomerView {
  id: string;
  exhibitionId: string;
  code: string;
  name: string;
  email: string;
  phone: string;
  /** The language of the customer's welcome and statement e-mails. */
  language: CustomerLanguage;
  billCount: number;
  totalMinor: number;
  currency: string;
  welcomeNotificationId: string | null;
  /** The delivery state of the last welcome e-mail (core outbox), null before one is queued. */
  emailStatus: string | null;
  /** The customer this one was merged into (their bills and tab moved there), or null. */
  mergedIntoId: string | null;
  createdAt: Date;
}

/**
 * Registers a customer at the desk: normalizes the e-mail and the phone (a local number read in the
 * organization's country, `readStaffPhone`), refuses a duplicate of the same exhibition (unless
 * `allowDuplicate`), draws a unique code, signs the QR pass and queues the welcome e-mail with the QR
 * and the badge (unless `welcome: false`); all in one transaction.
 *
 * Round trips (issue 43): the person's locks, one read of the exhibition (share-locked) with any
 * duplicate, one insert of the customer with its audit event, one of the pass (version, key and
 * its audit), the queued e-mail, and the customer's link to it. Nothing is read back: the answer
 * is made from what was written. The QR and the badge are rendered when the e-mail is sent.
 */
export async function registerCustomer(
  ctx: Ctx,
  deps: { jobs: JobQueue; secretKey: string; publish: ExhibitionRuntime['publish'] },
  input: {
    exhibitionId: string;
    name: string;
    /** A phone or an e-mail, at least one; blank is absent. */
    email?: string;
    phone?: string;
    language?: CustomerLanguage;
    allowDuplicate?: boolean;
    /** Where the badge link of a welcome SMS points (the deployment's public address). */
    publicUrl?: string;
    /** `import`: pre-registered from a CSV import (its welcome e-mails have a progress view). */
    via?: 'desk' | 'import';
    /** The code the customer already holds (imported from the original system, `importedCode`); drawn when absent. */
    code?: string;
    /** Queue the welcome e-mail (default); a CSV import sends it only when the operator asks. */
    welcome?: boolean;
  },
): Promise<CustomerView> {
  const { email, phone } = await readContacts(ctx, input);
  const exhibitionId = input.exhibitionId.toLowerCase();
  return inTransaction(ctx, async (tx) => {
    // Two desks registering the same person at once: the second waits for the first, then sees it.
    await lockObjects(tx, [
      ...(email ? [{ type: 'exhibition.customer.email', id: `${exhibitionId}:${email}` }] : []),
      ...(phone ? [{ type: 'exhibition.customer.phone', id: `${exhibitionId}:${phone}` }] : []),
    ]);
    const { exhibition, duplicate } = await openExhibitionFor(tx, exhibitionId, { email, phone });
    if (duplicate && !input.allowDuplicate)
      throw ExhibitionErrors.customer_duplicate({
        customerId: duplicate.id,
        code: duplicate.code,
        matches: duplicateReasons({ email, phone }, duplicate),
      });
    let created: CustomerView | undefined;
    const tryInsert = async (code: string) => {
      created = await insertCustomer(tx, exhibition, {
        code,
        name: input.name,
        email,
        phone,
        language: input.language ?? 'en',
        via: input.via ?? 'desk',
      });
      return created !== undefined;
    };
    if (input.code === undefined) await createUniqueCode({ length: CUSTOMER_CODE_LENGTH, tryInsert });
    else if (!(await tryInsert(input.code))) {
      const shown = formatCode(input.code, 4);
      throw ExhibitionErrors.customer_code_taken(
        { code: shown },
        { message: `Another customer already has the code ${shown}` },
      );
    }
    const customer = created!;
    const welcome =
      input.welcome === false
        ? null
        : await sendWelcome(tx, deps, {
            customer,
            exhibitionName: exhibition.name,
            reissue: false,
            publicUrl: input.publicUrl,
          });
    await deps.publish(tx, EXHIBITION_TOPICS.customers, customer.id);
    return { ...customer, welcomeNotificationId: welcome?.id ?? null, emailStatus: welcome?.status ?? null };
  });
}

/**
 * The e-mail and the phone a desk typed, each in its one stored form ('' when not given): at least
 * one is needed (issue 65, a visitor without e-mail registers with a phone). Every bad field is
 * named at once (a bad e-mail no longer hides a bad phone), and when both are missing both are.
 */
export async function readContacts(
  ctx: Ctx,
  typed: { email?: string; phone?: string },
): Promise<{ email: string; phone: string }> {
  const emailText = (typed.email ?? '').trim();
  const phoneText = (typed.phone ?? '').trim();
  if (emailText === '' && phoneText === '')
    throw PlatformErrors.validation_failed(
      { fields: ['email', 'phone'] },
      {
        message: 'Give a phone or an e-mail (at least one)',
        fields: (['email', 'phone'] as const).map((f) => ({
          field: `body.${f}`,
          message: 'is needed when there is no ' + (f === 'email' ? 'phone' : 'e-mail'),
          code: PHONE_OR_EMAIL,
          expected: f === 'email' ? 'an e-mail address like asha@example.com' : 'a phone number',
        })),
      },
    );
  const refusals: AppError[] = [];
  const read = async <T>(work: () => T | Promise<T>, blank: T): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!isAppError(err) || err.fields.length === 0) throw err;
      refusals.push(err);
      return blank;
    }
  };
  const email = emailText
    ? await read(() => normalizeExternalId('email', emailText, { field: 'body.email' }), '')
    : '';
  const phone = phoneText
    ? await read(() => readStaffPhone(ctx, phoneText, { field: 'body.phone' }), '')
    : '';
  if (refusals.length === 1) throw refusals[0];
  if (refusals.length > 1)
    throw PlatformErrors.validation_failed(
      { fields: ['email', 'phone'] },
      { message: refusals.map((r) => r.message).join('; '), fields: refusals.flatMap((r) => r.fields) },
    );
  return { email, phone };
}

/** The field issue's code when neither a phone nor an e-mail was given (the console words it). */
export const PHONE_OR_EMAIL = 'phone_or_email_required';

/**
 * The exhibition, open and share-locked (`lockOpenExhibition`), with a customer of it who is not
 * merged away and has the e-mail or the phone, in one statement.
 */
async function openExhibitionFor(
  tx: Ctx,
  exhibitionId: string,
  who: { email: string; phone: string },
): Promise<{
  exhibition: { id: string; name: string; currency: string };
  duplicate?: { id: string; email: string; phone: string; code: string };
}> {
  const { rows } = await sql<{
    id: string;
    name: string;
    currency: string;
    closed_at: Date | null;
    duplicate: { id: string; email: string; phone: string; code: string } | null;
  }>`
    select e.id, e.name, e.currency, e.closed_at,
      (select json_build_object('id', c.id, 'email', c.email, 'phone', c.phone, 'code', c.code)
         from exhibition_customer c
         where c.org_id = e.org_id and c.exhibition_id = e.id and c.merged_into_id is null
           and ((${who.email} <> '' and c.email = ${who.email}) or (${who.phone} <> '' and c.phone = ${who.phone}))
         limit 1) as duplicate
    from exhibition_exhibition e
    where e.org_id = ${tx.orgId} and e.id = ${exhibitionId}::uuid
    for share of e`.execute(tx.db);
  const row = rows[0];
  if (!row) throw ExhibitionErrors.exhibition_not_found({ id: exhibitionId });
  if (row.closed_at) throw ExhibitionErrors.exhibition_closed({ id: exhibitionId });
  return {
    exhibition: { id: row.id, name: row.name, currency: row.currency },
    ...(row.duplicate ? { duplicate: row.duplicate } : {}),
  };
}

/**
 * Inserts the customer and its `exhibition.customer.registered` audit event (the customer as
 * registered, before its welcome is queued) in one statement; undefined when the code is taken.
 */
async function insertCustomer(
  tx: Ctx,
  exhibition: { id: string; currency: string },
  c: { code: string; name: string; email: string; phone: string; language: CustomerLanguage; via: string },
): Promise<CustomerView | undefined> {
  const view = sql`jsonb_build_object('id', c.id, 'exhibitionId', c.exhibition_id, 'code', c.code, 'name', c.name,
    'email', c.email, 'phone', c.phone, 'language', c.language, 'billCount', c.bill_count,
    'totalMinor', c.total_minor, 'currency', ${exhibition.currency}::text, 'welcomeNotificationId', null,
    'emailStatus', null, 'mergedIntoId', null,
    'createdAt', to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
  const { rows } = await sql<CustomerRow>`
    with c as (
      insert into exhibition_customer (org_id, exhibition_id, code, name, email, phone, language, registered_via)
      values (${tx.orgId}, ${exhibition.id}, ${c.code}, ${c.name}, ${c.email}, ${c.phone}, ${c.language}, ${c.via})
      on conflict (org_id, code) do nothing
      returning id, exhibition_id, code, name, email, phone, language, bill_count, total_minor, created_at
    ), a as (${auditInsertSql(
      tx,
      {
        action: 'exhibition.customer.registered',
        subjectType: 'exhibition_customer',
        subjectId: sql`c.id`,
        after: view,
      },
      sql`c`,
    )})
    select * from c`.execute(tx.db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    exhibitionId: row.exhibition_id,
    code: row.code,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    billCount: row.bill_count,
    totalMinor: Number(row.total_minor),
    currency: exhibition.currency,
    welcomeNotificationId: null,
    emailStatus: null,
    mergedIntoId: null,
    createdAt: row.created_at,
  };
}

interface CustomerRow {
  id: string;
  exhibition_id: string;
  code: string;
  name: string;
  email: string;
  phone: string;
  language: CustomerLanguage;
  bill_count: number;
  total_minor: string;
  created_at: Date;
}

/** One customer with the running tab (`billCount`, `totalMinor`) and the welcome e-mail's state. */
export async function getCustomer(ctx: Ctx, id: string): Promise<CustomerView> {
  const rows = await customerQuery(ctx, sql`c.id = ${id}::uuid`);
  if (!rows[0]) throw ExhibitionErrors.customer_not_found({ id });
  return rows[0];
}

/**
 * Queues the welcome again (same code, same pass) and records who asked: the e-mail, or the SMS to
 * a customer with only a phone; refused for a customer with neither (one the original system kept
 * blank): the desk shows the QR.
 */
export async function resendWelcome(
  ctx: Ctx,
  deps: { jobs: JobQueue; secretKey: string },
  id: string,
  publicUrl?: string,
): Promise<CustomerView> {
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, id);
    if (customer.email === '' && customer.phone === '') throw ExhibitionErrors.customer_no_email({ id });
    const exhibition = await getExhibition(tx, customer.exhibitionId);
    await sendWelcome(tx, deps, { customer, exhibitionName: exhibition.name, reissue: false, publicUrl });
    await recordAudit(tx, {
      action: 'exhibition.customer.welcome_resent',
      subject: { type: 'exhibition_customer', id },
    });
    return getCustomer(tx, id);
  });
}

/** Customers matching `where` (raw SQL over `c`, the customer), with their tab and their welcome's state. */
export async function customerQuery(
  ctx: Ctx,
  where: ReturnType<typeof sql>,
  limit = 1,
): Promise<CustomerView[]> {
  // Raw SQL is not org-scoped by the data layer: the org filter is written here.
  const result = await sql<Omit<CustomerView, 'emailStatus'> & { totalMinor: string }>`
    select c.id, c.exhibition_id as "exhibitionId", c.code, c.name, c.email, c.phone, c.language,
      c.bill_count as "billCount", c.total_minor as "totalMinor", e.currency,
      c.welcome_notification_id as "welcomeNotificationId",
      c.merged_into_id as "mergedIntoId", c.created_at as "createdAt"
    from exhibition_customer c
    join exhibition_exhibition e on e.id = c.exhibition_id and e.org_id = c.org_id
    where c.org_id = ${ctx.orgId} and ${where}
    order by c.name
    limit ${limit}`.execute(ctx.db);
  // Where each welcome e-mail stands, as the outbox tells it.
  const welcomes = await messageOutcomes(
    ctx,
    result.rows.flatMap((r) => (r.welcomeNotificationId ? [r.welcomeNotificationId] : [])),
  );
  return result.rows.map((r) => ({
    ...r,
    totalMinor: Number(r.totalMinor),
    emailStatus: (r.welcomeNotificationId && welcomes.get(r.welcomeNotificationId)?.status) || null,
  }));
}
