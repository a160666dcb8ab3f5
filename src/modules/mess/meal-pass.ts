import type { Ctx } from '../../core/context/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
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
