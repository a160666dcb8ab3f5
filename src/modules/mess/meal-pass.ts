import type { Ctx } from '../../core/context/index.ts';
import { issuePass, passLinkSegment } from '../../core/pass-issuer/index.ts';
import { renderQrPng } from '../../platform/render/index.ts';
import { MessErrors } from './mess.errors.ts';
import { getStudent } from './students.ts';

/** Subject type of meal passes: `{ type: 'mess', id: studentId }`. */
export const MEAL_PASS_SUBJECT = 'mess';

/**
 * The signed meal pass of an approved student, as a string and a QR PNG. `reissue` bumps the pass
 * version, so every earlier pass of this student is refused as revoked from now on.
 */
export async function mealPassOf(
  ctx: Ctx,
  input: { secretKey: string; studentId: string; reissue?: boolean },
): Promise<{ code: string; passVersion: number; png: Uint8Array }> {
  const student = await getStudent(ctx, input.studentId);
  if (student.status !== 'approved') throw MessErrors.not_approved({ status: student.status });
  const pass = await issuePass(ctx, {
    secretKey: input.secretKey,
    subject: { type: MEAL_PASS_SUBJECT, id: student.id },
    reissue: input.reissue ?? false,
  });
  return { ...pass, png: await renderQrPng(pass.code, { mode: 'alphanumeric', width: 480 }) };
}

/** The scope of meal pass links' hashes (core/pass-issuer `passLinkToken`). */
export const MEAL_PASS_LINK_SCOPE = 'mess.pass-link';

/**
 * The public path of a student's meal pass (its QR, a PNG): the approval SMS's link for a student
 * without Telegram (issue 65). A re-issued pass turns the old link off with the old passes.
 */
export const mealPassLinkPath = (secretKey: string, studentId: string, passVersion: number) =>
  `/public/mess/pass/${studentId}/${passLinkSegment(secretKey, MEAL_PASS_LINK_SCOPE, studentId, passVersion)}`;
