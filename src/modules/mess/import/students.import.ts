import type { Ctx } from '../../../core/context/index.ts';
import {
  choiceField,
  dateTimeField,
  type ImportModel,
  integerField,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { enqueueNotification } from '../../../core/notifications/index.ts';
import { issuePass } from '../../../core/pass-issuer/index.ts';
import { MEAL_PASS_SUBJECT } from '../meal-pass.ts';
import { passRenewedTemplate } from '../mess.notifications.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import type { MessTables } from '../mess.tables.ts';
import type { Student } from '../students.ts';

/** A student as the original knew them; when it did not date the registration, the import does. */
export type ImportedStudent = Pick<
  Student,
  'name' | 'rollNumber' | 'room' | 'phone' | 'language' | 'status' | 'telegramId' | 'decidedAt'
> & { registeredAt: Date | null };

/**
 * `mess.student` → `mess_student`: status as it was (approved students stay approved), the Telegram
 * chat id the bot knows them by (so an imported student who writes to the bot is recognised), the
 * roll number upper-cased as registration stores it, and the language of their chat.
 */
export const studentsImport = (
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
): ImportModel<ImportedStudent> => ({
  model: 'mess.student',
  label: 'students',
  async begin() {
    return {
      parse(record) {
        const f = record.fields;
        const status = choiceField(f, 'status', ['pending', 'approved', 'denied'], { required: true })!;
        const registeredAt = dateTimeField(f, 'created_at');
        const updatedAt = dateTimeField(f, 'updated_at');
        return {
          row: {
            name: textField(f, 'name', { required: true, max: 120 })!,
            rollNumber: textField(f, 'roll_no', { required: true, max: 40 })!.toUpperCase(),
            room: textField(f, 'room_no', { max: 200 }) ?? '',
            phone: textField(f, 'phone', { max: 200 }) ?? '',
            language: choiceField(f, 'language', ['en', 'hi']) ?? 'en',
            status,
            telegramId: integerField(f, 'tg_user_id'),
            registeredAt,
            decidedAt: status === 'pending' ? null : (updatedAt ?? registeredAt),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<MessTables>()
          .insertInto('mess_student')
          .values(
            rows.map((s) => ({
              name: s.name,
              roll_number: s.rollNumber,
              room: s.room,
              phone: s.phone,
              language: s.language,
              status: s.status,
              telegram_id: s.telegramId,
              ...(s.registeredAt ? { registered_at: s.registeredAt } : {}),
              decided_at: s.decidedAt,
              decided_by: s.status === 'pending' ? null : tx.actor.label,
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        mess_student_org_id_roll_number_key: 'roll_no: this roll number is already registered in Opsdesk',
        mess_student_org_id_telegram_id_key:
          'tg_user_id: this Telegram account is already registered in Opsdesk',
      }),
      // Asked for (`--notify`): each approved student with a chat gets a new meal pass.
      messagesFor: (s) => (s.status === 'approved' && s.telegramId ? 1 : 0),
      notify: (tx, written) => sendNewPasses(tx, rt, written),
    };
  },
});

async function sendNewPasses(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
  written: ReadonlyArray<{ row: ImportedStudent; id: string }>,
): Promise<void> {
  for (const { row, id } of written) {
    if (row.status !== 'approved' || !row.telegramId) continue;
    const pass = await issuePass(tx, { secretKey: rt.secretKey, subject: { type: MEAL_PASS_SUBJECT, id } });
    await enqueueNotification(tx, rt.jobs, {
      channel: 'telegram',
      to: row.telegramId,
      template: passRenewedTemplate,
      data: { name: row.name, pass: pass.code },
      locale: row.language,
      secretKey: rt.secretKey,
      idempotencyKey: `mess:import-pass:${id}`,
    });
  }
}
