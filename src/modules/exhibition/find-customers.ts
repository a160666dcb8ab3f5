import { formatCode, parseCode } from '../../core/codes/index.ts';
import { phoneReaderOf } from '../../core/contacts/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { CUSTOMER_CODE_LENGTH, type CustomerView, customerQuery, getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { getExhibition } from './exhibitions.ts';

// Finding a customer as the desk and the booths do: by a typed or scanned code, ours or the
// original system's, and by a search over names, phones, e-mails and codes.

/**
 * A code as the original system wrote it (letters A–Z and digits, no check character), however
 * typed: any case, spaces, dashes and dots removed. Undefined when it is not one.
 */
export function importedCode(typed: string): string | undefined {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-.·_]/gu, '');
  return /^[0-9A-Z]{4,20}$/.test(code) ? code : undefined;
}

/**
 * The original's codes are hexadecimal (0-9, A-F): a typed O is a 0 and an I or L a 1, as people
 * copy them off a badge. Used only after the code as typed matched no one.
 */
export function lookAlikesRead(code: string): string {
  return code.replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * The customer row with a typed code. Our own codes are checked (a code failing its check
 * character is refused, 400 `codes.check_mismatch`, rather than matching someone else); a code
 * that is not one of ours matches only a customer who holds exactly it, imported with it.
 */
async function customerWithCode(ctx: Ctx, typed: string): Promise<CustomerView> {
  let code: string;
  try {
    code = parseCode(typed, { length: CUSTOMER_CODE_LENGTH });
  } catch (err) {
    const kept = importedCode(typed);
    const rows = kept ? await customerQuery(ctx, sql`c.code = ${kept}`) : [];
    if (rows[0]) return rows[0];
    const read = kept ? await customerQuery(ctx, sql`c.code = ${lookAlikesRead(kept)}`) : [];
    if (read[0]) return read[0];
    throw err;
  }
  const rows = await customerQuery(ctx, sql`c.code = ${code}`);
  if (!rows[0]) throw ExhibitionErrors.customer_not_found({ code: formatCode(code, 4) });
  return rows[0];
}

/** The customer with a typed or scanned code (a merged one's code finds whom they were merged into). */
export async function findCustomerByCode(ctx: Ctx, typed: string): Promise<CustomerView> {
  return followMerge(ctx, await customerWithCode(ctx, typed));
}

/** The id of the customer with this exact code (a merged one too: the merge desk names duplicates by code). */
export async function customerIdByCode(ctx: Ctx, typed: string): Promise<string> {
  return (await customerWithCode(ctx, typed)).id;
}

/** A merged customer's code or pass finds the customer they were merged into (where the tab is). */
export async function followMerge(ctx: Ctx, customer: CustomerView): Promise<CustomerView> {
  return customer.mergedIntoId ? getCustomer(ctx, customer.mergedIntoId) : customer;
}

/**
 * Customers of an exhibition whose name, phone, e-mail or code contains `q`, or whose phone is `q`
 * typed as staff type it (`050 123 4567`, read in the organization's country), at most 20; 404 for
 * an exhibition that is not there.
 */
export async function searchCustomers(ctx: Ctx, exhibitionId: string, q: string): Promise<CustomerView[]> {
  await getExhibition(ctx, exhibitionId);
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const phone = PHONE_LIKE.test(q) ? ((await phoneReaderOf(ctx)).readOrUndefined(q) ?? null) : null;
  return customerQuery(
    ctx,
    sql`c.exhibition_id = ${exhibitionId}::uuid and c.merged_into_id is null and (c.name ilike ${like} or c.phone like ${like}
      or c.phone = ${phone}::text or c.email ilike ${like} or c.code = upper(regexp_replace(${q}, '[^0-9A-Za-z]', '', 'g'))
      or c.code = translate(upper(regexp_replace(${q}, '[^0-9A-Za-z]', '', 'g')), 'OIL', '011'))`,
    20,
  );
}

/** Search words that could be a phone number (digits, Arabic-Indic ones too, with its punctuation). */
const PHONE_LIKE = /^[+\d\u0660-\u0669\u06f0-\u06f9\s().-]{6,}$/;
