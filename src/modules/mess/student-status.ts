import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
import { deploymentBaseUrl } from '../../platform/http/index.ts';
import { settleCardsLater } from './decided-cards.ts';
import { MEAL_PASS_SUBJECT, mealPassLinkPath } from './meal-pass.ts';
import { MessErrors } from './mess.errors.ts';
import { approvedTemplate, notifyStudent, studentAddress } from './mess.notifications.ts';
import type { StudentStatus } from './mess.rules.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';
import { backupRowsFor } from './sheets-backup.ts';
import { getStudent, type Student } from './students.ts';

export const STUDENT_DECISIONS = ['approve', 'deny', 'suspend'] as const;
export type StudentDecision = (typeof STUDENT_DECISIONS)[number];

const TARGET: Record<StudentDecision, StudentStatus> = {
  approve: 'approved',
  deny: 'denied',
  suspend: 'suspended',
};
/** Each decision's audit code, spelled out so the history's title test finds every one. */
const DECIDED_AUDIT = {
  approve: 'mess.student.approved',
  deny: 'mess.student.denied',
  suspend: 'mess.student.suspended',
} as const satisfies Record<StudentDecision, `mess.student.${StudentStatus}`>;
/** Which statuses each decision may start from. */
export const DECISION_FROM: Record<StudentDecision, ReadonlyArray<StudentStatus>> = {
  approve: ['pending', 'denied', 'suspended'],
  deny: ['pending'],
  suspend: ['approved'],
};
const NOTICE = { deny: 'denied', suspend: 'suspended' } as const;

/**
 * Approves, denies or suspends a student under a row lock (of two admins deciding at once, the
 * second gets `mess.status_unchanged` or `mess.transition_refused`), audited as
 * `mess.student.<status>`; the student is told on Telegram and the change is backed up.
 */
export async function decideStudent(
  ctx: Ctx,
  rt: MessRuntime,
  input: { studentId: string; decision: StudentDecision; reason?: string | null },
): Promise<Student> {
  return inTransaction(ctx, async (tx) => {
    const before = await getStudent(tx, input.studentId, { forUpdate: true });
    const to = TARGET[input.decision];
    if (before.status === to) throw MessErrors.status_unchanged({ status: to });
    if (!DECISION_FROM[input.decision].includes(before.status))
      throw MessErrors.transition_refused({ from: before.status, to });
    const now = tx.clock.now();
    const reason = input.reason?.trim() || null;
    await tx.db
      .withTables<MessTables>()
      .updateTable('mess_student')
      .set({
        status: to,
        status_reason: reason,
        decided_at: now,
        decided_by: tx.actor.label,
        updated_at: now,
      })
      .where('id', '=', before.id)
      .execute();
    const after: Student = {
      ...before,
      status: to,
      statusReason: reason,
      decidedAt: now,
      decidedBy: tx.actor.label,
    };
    await recordAudit(tx, {
      action: DECIDED_AUDIT[input.decision],
      subject: { type: 'mess_student', id: before.id },
      before: { status: before.status },
      after: { status: to, reason },
    });
    const key = `status:${before.id}:${to}:${now.getTime()}`;
    const student = await studentAddress(tx, before.id);
    const notice = input.decision === 'approve' ? 'approved' : NOTICE[input.decision];
    // The approval carries the meal pass: the QR itself on Telegram, a link to it by SMS.
    const pass =
      student && input.decision === 'approve'
        ? await issuePass(tx, {
            secretKey: rt.secretKey,
            subject: { type: MEAL_PASS_SUBJECT, id: before.id },
          })
        : undefined;
    const base = pass ? deploymentBaseUrl(rt.deps.config) : undefined;
    const link = pass && base ? `${base}${mealPassLinkPath(rt.secretKey, before.id, pass.passVersion)}` : '';
    const via = student
      ? await notifyStudent(tx, rt, { student, notice, data: { reason: reason ?? '', link }, key })
      : null;
    if (student && pass && via?.channel === 'telegram') {
      const { code } = pass;
      await enqueueNotification(tx, rt.jobs, {
        channel: 'telegram',
        to: via.to,
        contactId: before.contactId,
        template: approvedTemplate,
        data: { name: before.name, pass: code },
        locale: student.language,
        secretKey: rt.secretKey,
        idempotencyKey: `mess:${key}:${via.to}`,
      });
    }
    await settleCardsLater(tx, rt, 'student', before.id);
    await backupRowsFor(tx, rt, [
      {
        sheet: 'Approvals',
        cells: [before.id, before.rollNumber, before.status, to, reason ?? '', tx.actor.label],
      },
    ]);
    return after;
  });
}
