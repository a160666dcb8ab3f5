import { timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { lockRowById } from '../../platform/db/index.ts';
import { commissioningSheetPdf, type SheetLanguage } from './commissioning-sheet.pdf.ts';
import { openMeterKey } from './meter-keys.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

const sameKey = (a: string, b: string) => {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

const keyMismatch = () =>
  PrepaidErrors.key_mismatch(
    {},
    {
      fields: [
        {
          field: 'body.openPaygoKey',
          message: 'not the key of this meter',
          code: 'invalid_value',
          expected: 'the 32-hex key of this meter (from its creation answer)',
        },
      ],
    },
  );

/**
 * A meter's commissioning sheet (meter number, OpenPAYGO key, starting code). Without a key it is
 * the one-time sheet of a generated key: the first download within the window after creation takes
 * the sealed copy and clears it in the same transaction, so no later call (or race) prints it
 * again. With a key, the key must be this meter's (so a sheet never carries a typo) and the sheet
 * shows the key the caller already holds; the stored key is only compared. Audited either way.
 */
export async function printCommissioningSheet(
  ctx: Ctx,
  secretKey: string,
  input: { meterId: string; openPaygoKey?: string; language: SheetLanguage },
): Promise<{ number: string; pdf: Buffer }> {
  return inTransaction(ctx, async (tx) => {
    const meter = await lockRowById(tables(tx), 'prepaid_meter', input.meterId);
    if (!meter) throw PrepaidErrors.meter_not_found({ meterId: input.meterId });
    const now = tx.clock.now();
    let key: string;
    if (input.openPaygoKey !== undefined) {
      if (!sameKey(input.openPaygoKey, openMeterKey(meter.opg_key_sealed, secretKey))) throw keyMismatch();
      key = input.openPaygoKey.toLowerCase();
    } else {
      const open = meter.opg_key_sheet_sealed && meter.opg_key_sheet_until && meter.opg_key_sheet_until > now;
      if (!open || !meter.opg_key_sheet_sealed) throw PrepaidErrors.sheet_gone({});
      key = openMeterKey(meter.opg_key_sheet_sealed, secretKey);
      await tables(tx)
        .updateTable('prepaid_meter')
        .set({ opg_key_sheet_sealed: null, opg_key_sheet_until: null })
        .where('id', '=', meter.id)
        .execute();
    }
    const [org, account] = await Promise.all([
      getOrganization(tx),
      tables(tx)
        .selectFrom('prepaid_account')
        .select('name')
        .where('id', '=', meter.account_id)
        .executeTakeFirstOrThrow(),
    ]);
    await recordAudit(tx, {
      action: 'prepaid.meter.sheet_printed',
      subject: { type: 'prepaid_meter', id: meter.id },
      meta: { language: input.language, oneTime: input.openPaygoKey === undefined },
    });
    const pdf = await commissioningSheetPdf(
      {
        orgName: org.name,
        number: meter.number,
        account: account.name,
        place: [meter.location, meter.building, meter.department].filter(Boolean).join(' · '),
        key,
        startingCode: Number(meter.opg_starting_code),
        extended: meter.opg_extended,
        restricted: meter.opg_restricted_digits,
        valueDivider: meter.opg_value_divider,
        lastCount: meter.opg_last_count,
      },
      input.language,
      now,
    );
    return { number: meter.number, pdf };
  });
}

/**
 * Erases the sealed key copy of every commissioning sheet whose window has run out: it can no
 * longer be printed, so it is kept nowhere (the meter's own sealed key stays, for its tokens). In
 * every organization, prepaid running or not: a lapsed secret is erased, not acted on. Returns how
 * many were erased.
 */
export async function eraseExpiredSheets(db: Db, now: Date): Promise<number> {
  const erased = await db
    .withTables<PrepaidTables>()
    .updateTable('prepaid_meter')
    .set({ opg_key_sheet_sealed: null, opg_key_sheet_until: null })
    .where('opg_key_sheet_until', '<=', now)
    .returning('id')
    .execute();
  return erased.length;
}
