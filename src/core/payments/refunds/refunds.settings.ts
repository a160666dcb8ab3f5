import { z } from 'zod';
import type { FieldIssue } from '../../../platform/errors/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { type AuthTables, ROLES } from '../../auth/index.ts';
import type { Ctx } from '../../context/index.ts';
import type { GuardedSetting } from '../../orgs/index.ts';
import type { RefundLimits } from './refunds.rules.ts';

const limit = z.number().int().min(0).nullable().optional();
const limitsSchema = z.object({
  owner: limit,
  admin: limit,
  ops: limit,
  viewer: limit,
  scanner: limit,
});

/** Where the limits live in `organization.settings`, and the owner-only permission that changes them. */
export const REFUND_LIMITS_PATH = 'payments.refunds.limits';
export const REFUND_LIMITS_PERMISSION = 'payments.refund.limits';

/** The limits as the refunds read them: a malformed setting is none (the defaults hold). */
function storedLimits(value: unknown): RefundLimits {
  const parsed = limitsSchema.safeParse(value ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as RefundLimits;
}

/**
 * The organization's refund limits by role: `organization.settings.payments.refunds.limits`
 * (`{ "ops": 5000, "admin": null }`, minor units; null is no limit; a role left out keeps its default).
 * A malformed setting is ignored: the defaults then hold, which need a second person for ops.
 */
export async function refundLimitsFor(ctx: Ctx): Promise<RefundLimits> {
  const row = await ctx.db
    .withTables<AuthTables>()
    .selectFrom('organization')
    .select('settings')
    .where('id', '=', ctx.orgId)
    .executeTakeFirst();
  const payments = (row?.settings?.payments ?? {}) as { refunds?: { limits?: unknown } };
  return storedLimits(payments.refunds?.limits);
}

const SENT_LIMIT = 'expected minor units (a whole number, 0 or more), null for no limit, or "default"';
const sentLimitsSchema = z.strictObject(
  Object.fromEntries(
    ROLES.map((role) => [
      role,
      z.union([z.number().int().min(0), z.null(), z.literal('default')]).optional(),
    ]),
  ),
);

/**
 * How `PATCH /api/org` changes the limits (issue 61 item 3). Role by role: a number sets the role's
 * limit, `null` makes it no limit (as stored), `"default"` gives the role its built-in default back
 * (owner and admin: none; the others: 0), and a role left out keeps what it has. `null` for the
 * whole setting gives every role its default. Anything else refuses the patch, naming the field.
 */
export function mergeRefundLimits(
  stored: unknown,
  sent: unknown,
): { value: unknown } | { issues: FieldIssue[] } {
  if (sent === null) return { value: undefined };
  const parsed = sentLimitsSchema.safeParse(sent);
  if (!parsed.success) return { issues: limitIssues(parsed.error.issues) };
  const next: Record<string, number | null> = { ...storedLimits(stored) };
  for (const [role, value] of Object.entries(parsed.data)) {
    if (value === 'default') delete next[role];
    else if (value !== undefined) next[role] = value;
  }
  return { value: next };
}

function limitIssues(issues: ReadonlyArray<z.core.$ZodIssue>): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: key,
        message: `expected a role: ${ROLES.join(', ')}`,
        code: 'unrecognized_keys',
      }));
    if (issue.path.length === 0)
      return [
        {
          field: '',
          message: 'expected limits by role, like { "ops": 5000 }, or null for every role’s default',
          code: 'invalid_type',
          expected: 'object | null',
        },
      ];
    return [{ field: issue.path.join('.'), message: SENT_LIMIT, code: issue.code }];
  });
}

/**
 * The refund limits are the owner's: only holders of `payments.refund.limits` (owner-only) change
 * them through `PATCH /api/org`, and each change is audited with the limits before and after.
 */
export const REFUND_LIMITS_SETTING: GuardedSetting = {
  path: REFUND_LIMITS_PATH,
  permission: REFUND_LIMITS_PERMISSION,
  merge: mergeRefundLimits,
  recordChange: (tx, change) =>
    recordAudit(tx, {
      action: 'payments.refund_limits.changed',
      subject: { type: 'organization', id: tx.orgId },
      before: { limits: change.before ?? null },
      after: { limits: change.after ?? null },
    }),
};
