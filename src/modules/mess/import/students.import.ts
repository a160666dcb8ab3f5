import { normalizePhone } from '../../../core/contacts/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import {
  choiceField,
  FieldProblem,
  type ImportFlag,
  type ImportModel,
  integerField,
  type RowVerdict,
  type SourceRecord,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { enqueueNotification } from '../../../core/notifications/index.ts';
import { issuePass } from '../../../core/pass-issuer/index.ts';
import { adoptLegacySecret, rememberLegacyStudents } from '../legacy-passes.ts';
import { MEAL_PASS_SUBJECT } from '../meal-pass.ts';
import { passRenewedTemplate, studentAddresses } from '../mess.notifications.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';
import { contactOfStudent, type Student } from '../students.ts';
import { instantField } from './original-records.ts';

/** A student as the original knew them, with what its QR pass carries. */
export type ImportedStudent = Pick<
  Student,
  'name' | 'rollNumber' | 'room' | 'phone' | 'status' | 'telegramId' | 'decidedAt'
> & {
  registeredAt: Date | null;
  /** The original's id (a UUID), its `qr_nonce` and `qr_version`: what an old pass must carry. */
  legacy: { id: string; nonce: string | null; qrVersion: number };
};

const tables = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/**
 * `core.student` (table `students`) → `mess_student`: status as it was (PENDING, APPROVED, DENIED),
 * the Telegram id the bot knows them by, the roll number as the original stored it (upper case), the
 * phone in international form where it reads as one in the organization's region (else kept as
 * typed and flagged), and the original's id, nonce and QR version so their old QR passes keep
 * scanning here. With the operator's answer `qrSecret` the original's QR_SECRET is kept (sealed)
 * in the batch that brings the first students. A roll number or Telegram id held by another record
 * of the import is refused with that record named (its payments, cuts and scans are reported with it).
 */
export const studentsImport = (
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
): ImportModel<ImportedStudent> => ({
  model: 'core.student',
  label: 'students',
  table: { name: 'students', pk: 'id' },
  async begin(ctx, _refs, options) {
    const { phoneRegion } = await messSettingsOf(ctx);
    const qrSecret = options.answers?.qrSecret?.trim() || undefined;
    const keepSecret = async (tx: Ctx) => {
      if (qrSecret) await adoptLegacySecret(tx, rt, qrSecret);
    };
    return {
      parse: (record) => parseStudent(record, phoneRegion),
      uniqueKeys: (s) => [`roll_no:${s.rollNumber}`, ...(s.telegramId ? [`tg_user_id:${s.telegramId}`] : [])],
      async write(tx, rows) {
        const ids = await insertStudents(tx, rows);
        await keepSecret(tx);
        return ids;
      },
      async update(tx, rows) {
        await updateStudents(tx, rows);
        await keepSecret(tx);
      },
      refusalOf: uniqueRefusals({
        mess_student_org_id_roll_number_key: 'roll_no: a student of Opsdesk already has this roll number',
        mess_student_org_id_telegram_id_key:
          'tg_user_id: a student of Opsdesk already has this Telegram account',
      }),
      // Asked for (`--notify`): each approved student with a chat gets a new meal pass.
      messagesFor: (s) => (s.status === 'approved' && s.telegramId ? 1 : 0),
      notify: (tx, written) => sendNewPasses(tx, rt, written),
    };
  },
});

/** One original student read: the phone in the mess's region (kept as typed when it reads nowhere), the old pass's nonce. */
function parseStudent(record: SourceRecord, phoneRegion: string): RowVerdict<ImportedStudent> {
  const f = record.fields;
  const status = choiceField(f, 'status', ['pending', 'approved', 'denied'], { required: true })!;
  const registeredAt = instantField(f, 'created_at');
  const updatedAt = instantField(f, 'updated_at');
  const flags: ImportFlag[] = [];
  const typedPhone = textField(f, 'phone', { max: 200 }) ?? '';
  let phone = typedPhone;
  if (typedPhone) {
    const e164 = normalizePhone(typedPhone, phoneRegion);
    if (e164) phone = e164;
    else
      flags.push({
        field: 'phone',
        // +44 7700 900123 is a number set aside for fiction: no country is to blame for it.
        reason: typedPhone.trim().startsWith('+')
          ? `kept as typed: ${typedPhone} is no phone number anywhere`
          : `kept as typed: ${typedPhone} is no phone number in ${phoneRegion}`,
      });
  }
  const qrVersion = Number(integerField(f, 'qr_version') ?? '1');
  if (!Number.isSafeInteger(qrVersion) || qrVersion < 1)
    throw new FieldProblem('qr_version', `expected a version of 1 or more, got ${qrVersion}`);
  const nonce = textField(f, 'qr_nonce', { max: 50 });
  if (!nonce)
    flags.push({ field: 'qr_nonce', reason: 'empty: this student’s old QR pass cannot be checked' });
  return {
    row: {
      name: textField(f, 'name', { required: true, max: 120 })!,
      rollNumber: textField(f, 'roll_no', { required: true, max: 40 })!.toUpperCase(),
      room: textField(f, 'room_no', { max: 200 }) ?? '',
      phone,
      status,
      telegramId: integerField(f, 'tg_user_id'),
      registeredAt,
      decidedAt: status === 'pending' ? null : (updatedAt ?? registeredAt),
      legacy: { id: record.pk.toLowerCase(), nonce, qrVersion },
    },
    ...(flags.length ? { flags } : {}),
  };
}

/** New students, the original's decision kept, with what checks their old QR passes. */
async function insertStudents(tx: Ctx, rows: ReadonlyArray<ImportedStudent>): Promise<string[]> {
  // Each with their contact: the messages sent to them are listed under their name (issue 66 item 4).
  const contactIds: Array<string | null> = [];
  for (const s of rows) contactIds.push(await contactOfStudent(tx, s));
  const inserted = await tables(tx)
    .insertInto('mess_student')
    .values(
      rows.map((s, i) => ({
        name: s.name,
        contact_id: contactIds[i]!,
        roll_number: s.rollNumber,
        room: s.room,
        phone: s.phone,
        status: s.status,
        telegram_id: s.telegramId,
        ...(s.registeredAt ? { registered_at: s.registeredAt, updated_at: s.registeredAt } : {}),
        decided_at: s.decidedAt,
        decided_by: s.status === 'pending' ? null : 'the original system',
      })),
    )
    .returning('id')
    .execute();
  const ids = inserted.map((r) => r.id);
  await rememberLegacyStudents(tx, legacyRows(rows, ids));
  return ids;
}

/** Students changed in the original since the last run; a changed status carries its decision. */
async function updateStudents(
  tx: Ctx,
  rows: ReadonlyArray<{ id: string; row: ImportedStudent }>,
): Promise<void> {
  for (const { id, row: s } of rows) {
    const before = await tables(tx)
      .selectFrom('mess_student')
      .select(['status', 'contact_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before) continue;
    const decided = before.status !== s.status;
    // One brought before students had contacts gets theirs now.
    const contactId = before.contact_id ?? (await contactOfStudent(tx, s));
    await tables(tx)
      .updateTable('mess_student')
      .set({
        name: s.name,
        roll_number: s.rollNumber,
        room: s.room,
        phone: s.phone,
        status: s.status,
        telegram_id: s.telegramId,
        contact_id: contactId,
        updated_at: tx.clock.now(),
        ...(decided
          ? {
              decided_at: s.decidedAt,
              decided_by: s.status === 'pending' ? null : 'the original system',
            }
          : {}),
      })
      .where('id', '=', id)
      .execute();
  }
  await rememberLegacyStudents(
    tx,
    legacyRows(
      rows.map((r) => r.row),
      rows.map((r) => r.id),
    ),
  );
}

const legacyRows = (rows: ReadonlyArray<ImportedStudent>, ids: ReadonlyArray<string>) =>
  rows.flatMap((s, i) =>
    s.legacy.nonce
      ? [{ legacyId: s.legacy.id, studentId: ids[i]!, nonce: s.legacy.nonce, qrVersion: s.legacy.qrVersion }]
      : [],
  );

async function sendNewPasses(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
  written: ReadonlyArray<{ row: ImportedStudent; id: string }>,
): Promise<void> {
  // Each in the language they chose (their contact's), to their contact: listed under their name.
  const addresses = await studentAddresses(
    tx,
    written.map((w) => w.id),
  );
  for (const { row, id } of written) {
    if (row.status !== 'approved' || !row.telegramId) continue;
    const pass = await issuePass(tx, { secretKey: rt.secretKey, subject: { type: MEAL_PASS_SUBJECT, id } });
    const address = addresses.get(id);
    await enqueueNotification(tx, rt.jobs, {
      channel: 'telegram',
      to: row.telegramId,
      contactId: address?.contactId ?? null,
      template: passRenewedTemplate,
      data: { name: row.name, pass: pass.code },
      locale: address?.language ?? 'en',
      secretKey: rt.secretKey,
      idempotencyKey: `mess:import-pass:${id}`,
    });
  }
}
