import { recordAudit } from '../../../core/audit/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../../../core/context/index.ts';
import { deliverableChannels } from '../../../core/notifications/index.ts';
import { createAccount } from '../accounts.ts';
import { type MeterRequestView, requestMeter } from '../meter-requests.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { checkOneTimeCode, issueOneTimeCode } from './one-time-codes.ts';
import { openPortalSession } from './open-session.ts';
import { normalizePhone } from './portal.rules.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface SignUpInput {
  name: string;
  phone: string;
  meterNumber: string;
  /** Where the one-time code goes: an e-mail address, or WhatsApp on the phone given. */
  codeBy: 'email' | 'whatsapp';
  email?: string;
  language?: string;
}

/** Sign-ups of one phone are counted and checked one at a time (a transaction-scoped lock). */
const lockPhone = (tx: Ctx, phone: string) => lockObjects(tx, [{ type: 'prepaid.signup', id: phone }]);

/**
 * A stranger asks to become a customer: a one-time code goes to the address they gave (their
 * e-mail, or WhatsApp on their phone), at most CODES_PER_HOUR an hour a phone. Nothing else is
 * stored until the code comes back.
 */
export async function startSignUp(ctx: Ctx, rt: PrepaidRuntime, input: SignUpInput): Promise<void> {
  const phone = normalizePhone(input.phone, await phoneCountryOf(ctx));
  if (!phone) throw PrepaidErrors.phone_invalid({});
  const to = input.codeBy === 'email' ? input.email?.trim() : phone.slice(1);
  if (!to) throw PrepaidErrors.no_channel({});
  // A code queued where nothing can send it would leave the person waiting for nothing.
  if (!(await deliverableChannels(ctx, rt.deps.outbox)).has(input.codeBy))
    throw PrepaidErrors.code_channel_unavailable({ channel: input.codeBy });
  await inTransaction(ctx, async (tx) => {
    await lockPhone(tx, phone);
    const meterNumber = input.meterNumber.trim().toUpperCase();
    await issueOneTimeCode(tx, rt, {
      table: 'prepaid_signup',
      counted: { phone },
      row: {
        name: input.name.trim(),
        phone,
        meter_number: meterNumber,
        channel: input.codeBy,
        channel_to: to,
        language: input.language ?? 'en',
      },
      to: { channel: input.codeBy, address: to, meter: meterNumber, locale: input.language ?? 'en' },
      idempotencyPrefix: 'prepaid.signup-code',
    });
  });
}

/**
 * The code comes back: guesses counted in the statement that reads them (as sign-in), then a new
 * household account whose channel is the address the code reached, a request for the meter (an
 * unknown meter, or one on another account, waits for staff: the code proves the address, not the
 * meter) and a portal session. Never joins an existing account: a phone alone proves nothing.
 */
export async function finishSignUp(
  ctx: Ctx,
  rt: PrepaidRuntime,
  input: { phone: string; code: string },
): Promise<{
  token: string;
  expiresAt: Date;
  accountId: string;
  accountName: string;
  request: MeterRequestView;
}> {
  const phone = normalizePhone(input.phone, await phoneCountryOf(ctx));
  if (!phone) throw PrepaidErrors.phone_invalid({});
  const right = await inTransaction(ctx, async (tx) => {
    await lockPhone(tx, phone);
    return checkOneTimeCode(tx, rt, { table: 'prepaid_signup', whose: { phone }, code: input.code });
  });
  // The counted guess commits even when it was wrong; the refusal comes after.
  if (!right) throw PrepaidErrors.portal_code_invalid({});
  return inTransaction(ctx, async (tx) => {
    // Spent in the statement that checks it is unspent: two right answers at once make one account.
    const signUp = await tables(tx)
      .updateTable('prepaid_signup')
      .set({ used_at: tx.clock.now() })
      .where('id', '=', right)
      .where('used_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!signUp) throw PrepaidErrors.portal_code_invalid({});
    const account = await createAccount(tx, {
      kind: 'household',
      name: signUp.name,
      phone: signUp.phone,
      channel: { name: signUp.channel, to: signUp.channel_to },
      language: signUp.language,
    });
    await recordAudit(tx, {
      action: 'prepaid.account.signed_up',
      subject: { type: 'prepaid_account', id: account.id },
      after: { meterNumber: signUp.meter_number, codeBy: signUp.channel },
      meta: { signUpId: signUp.id },
    });
    const request = await requestMeter(tx, {
      accountId: account.id,
      meterNumber: signUp.meter_number,
      origin: 'sign_up',
    });
    const session = await openPortalSession(
      tx,
      { accountId: account.id, userId: account.ownerUserId as string },
      { signUpId: signUp.id },
    );
    return { ...session, accountName: account.name, request };
  });
}
