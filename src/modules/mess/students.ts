import { recordAudit } from '../../core/audit/index.ts';
import {
  ContactsErrors,
  findOrCreateContactByIdentity,
  getContact,
  updateContact,
} from '../../core/contacts/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { MessErrors } from './mess.errors.ts';
import type { StudentStatus } from './mess.rules.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';
import { backupRowsFor } from './sheets-backup.ts';

export interface Student {
  id: string;
  contactId: string | null;
  telegramId: string | null;
  name: string;
  rollNumber: string;
  room: string;
  phone: string;
  language: string;
  status: StudentStatus;
  statusReason: string | null;
  registeredAt: Date;
  decidedAt: Date | null;
  /** Label of who made the last decision (staff name, or the warden's Telegram name). */
  decidedBy: string | null;
}

export const STUDENT_COLUMNS = [
  'id',
  'contact_id',
  'telegram_id',
  'name',
  'roll_number',
  'room',
  'phone',
  'language',
  'status',
  'status_reason',
  'registered_at',
  'decided_at',
  'decided_by',
] as const;

type StudentRow = {
  id: string;
  contact_id: string | null;
  telegram_id: string | null;
  name: string;
  roll_number: string;
  room: string;
  phone: string;
  language: string;
  status: StudentStatus;
  status_reason: string | null;
  registered_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
};

export const toStudent = (r: StudentRow): Student => ({
  id: r.id,
  contactId: r.contact_id,
  telegramId: r.telegram_id,
  name: r.name,
  rollNumber: r.roll_number,
  room: r.room,
  phone: r.phone,
  language: r.language,
  status: r.status,
  statusReason: r.status_reason,
  registeredAt: r.registered_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** A student by id; `mess.student_not_found` otherwise. */
export async function getStudent(
  ctx: Ctx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Student> {
  let query = db(ctx).selectFrom('mess_student').select(STUDENT_COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw MessErrors.student_not_found({ id });
  return toStudent(row);
}

/** The student registered from this Telegram account, if any. */
export async function findStudentByTelegram(ctx: Ctx, telegramId: string): Promise<Student | undefined> {
  const row = await db(ctx)
    .selectFrom('mess_student')
    .select(STUDENT_COLUMNS)
    .where('telegram_id', '=', telegramId)
    .executeTakeFirst();
  return row ? toStudent(row) : undefined;
}

export interface Registration {
  name: string;
  rollNumber: string;
  room: string;
  phone: string;
  language: string;
  telegramId?: string | null;
  contactId?: string | null;
}

/**
 * Registers a student as `pending` (audited and backed up). A roll number is
 * unique in the organization, and one Telegram account registers once.
 */
export async function registerStudent(ctx: Ctx, rt: MessRuntime, input: Registration): Promise<Student> {
  return inTransaction(ctx, async (tx) => {
    const contactId = input.contactId
      ? await namedAsRegistered(tx, input.contactId, input.name)
      : await contactOfStudent(tx, input);
    const row = await db(tx)
      .insertInto('mess_student')
      .values({
        name: input.name.trim(),
        roll_number: input.rollNumber.trim().toUpperCase(),
        room: input.room.trim(),
        phone: input.phone.trim(),
        language: input.language,
        telegram_id: input.telegramId ?? null,
        contact_id: contactId,
        // On the app's clock, as the decision is: the time to approve is their difference.
        registered_at: tx.clock.now(),
      })
      .returning(STUDENT_COLUMNS)
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isUniqueViolation(err, 'mess_student_org_id_telegram_id_key'))
          throw MessErrors.already_registered({});
        if (isUniqueViolation(err)) throw MessErrors.roll_number_taken({ rollNumber: input.rollNumber });
        throw err;
      });
    const student = toStudent(row);
    await recordAudit(tx, {
      action: 'mess.student.registered',
      subject: { type: 'mess_student', id: student.id },
      after: student,
    });
    await backupRowsFor(tx, rt, [
      {
        sheet: 'Registrations',
        cells: [student.id, student.rollNumber, student.name, student.room, student.phone, student.language],
      },
    ]);
    return student;
  });
}

/**
 * The contact of a student registered from outside the chat (the console, the demo, the original's
 * data), so the messages sent to them are listed as sent to the student, not to a Telegram id or a
 * bare number (issues 54 item 5, 66 item 4): their Telegram account's, named as the mess knows them
 * (a chat's profile name gives way); else, with no Telegram, the contact holding their phone (in
 * international form), made under their name when nobody holds it. An address no channel could have
 * given leaves them without one.
 */
export async function contactOfStudent(
  tx: Ctx,
  s: { name: string; telegramId?: string | null; phone: string; language?: string },
): Promise<string | null> {
  const identity = s.telegramId
    ? { channel: 'telegram' as const, externalId: s.telegramId }
    : s.phone.startsWith('+')
      ? { channel: 'phone' as const, externalId: s.phone }
      : undefined;
  if (!identity) return null;
  try {
    const { contact, created } = await findOrCreateContactByIdentity(tx, {
      ...identity,
      displayName: s.name.trim(),
      ...(s.language ? { language: s.language } : {}),
    });
    if (created || identity.channel !== 'telegram') return contact.id;
    return await namedAsRegistered(tx, contact.id, s.name.trim());
  } catch (err) {
    if (ContactsErrors.invalid_identity.is(err)) return null;
    throw err;
  }
}

/**
 * The contact a student registered from (their chat) takes the name they registered under: the
 * chat's profile name ("Lucas S.") is not who the mess knows, and the messages list names the
 * recipient by their contact (issue 54 item 5).
 */
async function namedAsRegistered(tx: Ctx, contactId: string, name: string): Promise<string> {
  const contact = await getContact(tx, contactId);
  if (contact.displayName !== name.trim() && !contact.mergedIntoId)
    await updateContact(tx, contactId, { displayName: name });
  return contactId;
}

/** Contacts merged: students follow the surviving contact (runs in the merge's transaction). */
export async function repointStudentContacts(
  tx: Ctx,
  event: { keepId: string; mergeId: string },
): Promise<void> {
  await db(tx)
    .updateTable('mess_student')
    .set({ contact_id: event.keepId })
    .where('contact_id', '=', event.mergeId)
    .execute();
}

/** The language the student's chat now speaks: later notifications follow it. */
export async function setStudentLanguage(ctx: Ctx, studentId: string, language: string): Promise<void> {
  await db(ctx)
    .updateTable('mess_student')
    .set({ language, updated_at: ctx.clock.now() })
    .where('id', '=', studentId)
    .execute();
}
