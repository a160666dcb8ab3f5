import { z } from 'zod';
import {
  BIN_LEVELS,
  COMMAND_TYPES,
  type CommandParamIssue,
  type CommandType,
  commandParamIssues,
} from './coffee.rules.ts';
import type { DeviceStatus } from './coffee.tables.ts';
import { COMMAND_REASONS, type CommandReason } from './command-reasons.ts';

// Request and response shapes of the coffee API (the schema is the type). Device paths and fields
// are a contract with machines in the field: keep them.

export const idParams = z.object({ id: z.string().uuid() });
/**
 * A machine's tag: 1 to 64 characters of any script (`旗舰店`, `नई-दिल्ली`), `:` and other marks included
 * (`zone:a1`, the original's `{"key": "value"}` tags), lower case, no spaces, commas or control
 * characters (the console lists tags separated by commas).
 */
export const TAG_PATTERN = /^[^\s,\p{C}\p{Lu}\p{Lt}]{1,64}$/u;
export const tag = z
  .string()
  .regex(TAG_PATTERN, 'a tag: 1 to 64 characters, lower case, no spaces or commas');

export const newDeviceSchema = z.object({
  serial: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  model: z.string().min(1).max(64),
  name: z.string().min(1).max(200).optional(),
  tags: z.array(tag).max(20).optional(),
  merchantId: z.string().uuid().optional(),
  locationId: z.string().uuid().optional(),
});

export const deviceSchema = z.object({
  id: z.string(),
  serial: z.string(),
  model: z.string(),
  name: z.string(),
  firmware: z.string(),
  status: z.enum(['registered', 'online', 'offline', 'fault', 'maintenance']),
  lastSeenAt: z.string().nullable(),
  temperature: z.number().nullable(),
  tags: z.array(z.string()),
  tokenIssuedAt: z.string().nullable(),
  revoked: z.boolean(),
});

export const toDeviceJson = (d: {
  id: string;
  serial: string;
  model: string;
  name: string;
  firmware: string;
  status: DeviceStatus;
  last_seen_at: Date | null;
  temperature_tenths: number | null;
  tags: string[];
  token_issued_at: Date | null;
  revoked_at: Date | null;
}): z.infer<typeof deviceSchema> => ({
  id: d.id,
  serial: d.serial,
  model: d.model,
  name: d.name,
  firmware: d.firmware,
  status: d.status,
  lastSeenAt: d.last_seen_at?.toISOString() ?? null,
  temperature: d.temperature_tenths === null ? null : d.temperature_tenths / 10,
  tags: d.tags,
  tokenIssuedAt: d.token_issued_at?.toISOString() ?? null,
  revoked: d.revoked_at !== null,
});

const commandType = z.enum(COMMAND_TYPES);
const params = z.record(z.string(), z.unknown());

/** Each problem as zod would name it, so the console words it like any other field's. */
const PARAM_ISSUES: Record<CommandParamIssue['problem'], { code: string; message: string }> = {
  required: { code: 'invalid_type', message: 'is required' },
  not_number: { code: 'invalid_type', message: 'must be a number' },
  not_whole: { code: 'invalid_type', message: 'must be a whole number' },
  too_small: { code: 'too_small', message: 'is too small' },
  too_big: { code: 'too_big', message: 'is too big' },
  not_text: { code: 'invalid_type', message: 'must be text' },
  not_boolean: { code: 'invalid_type', message: 'must be true or false' },
  unknown: { code: 'unrecognized_keys', message: 'is not a parameter of this command' },
};

/**
 * A command's params checked against what its type takes: each issue names `params.<name>` (or
 * `<name>` under `at`, where a form has a field per parameter) and says what was expected.
 */
export function checkCommandParams(
  command: { type: CommandType; params?: Record<string, unknown> },
  c: z.RefinementCtx,
  at: ReadonlyArray<string> = ['params'],
) {
  // Raw issues of zod's own codes: the code, the path and what was expected are all a caller reads.
  for (const issue of commandParamIssues(command.type, command.params ?? {}))
    c.addIssue({
      ...PARAM_ISSUES[issue.problem],
      path: [...at, issue.name],
      expected: issue.expected,
    } as z.core.$ZodRawIssue);
}

/** How long a command may wait and run, and how often it is tried: a single command's and a batch's. */
const deliveryOptions = {
  ttlSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86400)
    .optional(),
  timeoutSeconds: z.number().int().min(1).max(86400).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
};

export const newCommandSchema = z
  .object({
    type: commandType,
    params: params.optional(),
    ...deliveryOptions,
  })
  .superRefine((command, c) => checkCommandParams(command, c));

/** Why Opsdesk finished a command or never sent it, as a code (`command-reasons.ts`). */
export const commandReasonSchema = z.object({ code: z.enum(COMMAND_REASONS), model: z.string().optional() });

export const commandSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  type: z.string(),
  params,
  status: z.string(),
  attempts: z.number(),
  maxAttempts: z.number(),
  batchId: z.string().nullable(),
  /** What was said about the result: the machine's own answer, or Opsdesk's English when `reason` is set. */
  detail: z.string().nullable(),
  reason: commandReasonSchema.nullable(),
  expiresAt: z.string(),
  sentAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const toCommandJson = (c: {
  id: string;
  device_id: string;
  type: string;
  params: unknown;
  status: string;
  attempts: number;
  max_attempts: number;
  batch_id: string | null;
  detail: string | null;
  reason: CommandReason | null;
  expires_at: Date;
  sent_at: Date | null;
  finished_at: Date | null;
}): z.infer<typeof commandSchema> => ({
  id: c.id,
  deviceId: c.device_id,
  type: c.type,
  params: (typeof c.params === 'string' ? JSON.parse(c.params) : c.params) as Record<string, unknown>,
  status: c.status,
  attempts: c.attempts,
  maxAttempts: c.max_attempts,
  batchId: c.batch_id,
  detail: c.detail,
  reason: c.reason,
  expiresAt: c.expires_at.toISOString(),
  sentAt: c.sent_at?.toISOString() ?? null,
  finishedAt: c.finished_at?.toISOString() ?? null,
});

export const newBatchSchema = z
  .object({
    deviceIds: z.array(z.string().uuid()).min(1).max(10_000).optional(),
    tag: tag.optional(),
    command: z
      .object({ type: commandType, params: params.optional() })
      .superRefine((command, c) => checkCommandParams(command, c)),
    abortAtFailurePercent: z.number().int().min(1).max(100),
    minFinished: z.number().int().min(1).optional(),
    ratePerMinute: z.number().int().min(1).max(100_000).optional(),
    ...deliveryOptions,
  })
  .refine((b) => (b.deviceIds === undefined) !== (b.tag === undefined), {
    message: 'Give either deviceIds or tag',
    path: ['deviceIds'],
  });

export const batchSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'completed', 'aborted']),
  type: z.string(),
  total: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  pending: z.number(),
  cancelled: z.number(),
  byStatus: z.record(z.string(), z.number()),
  abortAtFailurePercent: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const statusReportSchema = z.object({
  status: z.enum(['online', 'fault', 'maintenance']).optional(),
  temperature: z.number().min(-50).max(200).optional(),
  firmware: z.string().max(64).optional(),
  packageVersion: z.number().int().min(0).optional(),
});

export const commandResultSchema = z.object({
  status: z.enum(['succeeded', 'failed']),
  detail: z.string().max(1000).optional(),
});

export const alarmSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  kind: z.string(),
  severity: z.string(),
  status: z.enum(['open', 'ack', 'closed']),
  /** In English; the console words the kind's title in the reader's language from `params`. */
  title: z.string(),
  params: z.record(z.string(), z.unknown()).nullable(),
  raisedAt: z.string(),
  ackedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const toAlarmJson = (a: {
  id: string;
  device_id: string;
  kind: string;
  severity: string;
  status: 'open' | 'ack' | 'closed';
  title: string;
  params: Record<string, unknown> | null;
  raised_at: Date;
  acked_at: Date | null;
  closed_at: Date | null;
}): z.infer<typeof alarmSchema> => ({
  id: a.id,
  deviceId: a.device_id,
  kind: a.kind,
  severity: a.severity,
  status: a.status,
  title: a.title,
  params: a.params,
  raisedAt: a.raised_at.toISOString(),
  ackedAt: a.acked_at?.toISOString() ?? null,
  closedAt: a.closed_at?.toISOString() ?? null,
});

/** One machine's command in a batch or rollout: its status and answer. */
const machineResultSchema = z.object({
  deviceId: z.string(),
  serial: z.string(),
  name: z.string(),
  status: z.string(),
  detail: z.string().nullable(),
  reason: commandReasonSchema.nullable(),
  attempts: z.number(),
  finishedAt: z.iso.datetime().nullable(),
});

/** A batch's machines, each with its command's status and answer. */
export const batchMachinesSchema = z.object({
  items: z.array(machineResultSchema),
});
export type BatchMachinesJson = z.infer<typeof batchMachinesSchema>;

/** The command types a machine's model runs and its latest commands, newest first. */
export const machineCommandsSchema = z.object({
  supported: z.array(z.enum(COMMAND_TYPES)),
  retiredAt: z.iso.datetime().nullable(),
  items: z.array(commandSchema.extend({ createdAt: z.iso.datetime() })),
});
export type MachineCommandsJson = z.infer<typeof machineCommandsSchema>;

const messageSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  text: z.string().optional(),
});
/** A machine at a glance: its bins, its alarms not closed, its latest sales and the products it makes. */
export const machineOverviewSchema = z.object({
  bins: z.array(
    z.object({
      id: z.string(),
      binIndex: z.number(),
      materialCode: z.string(),
      remaining: z.number(),
      capacity: z.number(),
      levelPct: z.number(),
      level: z.enum(BIN_LEVELS),
    }),
  ),
  alarms: z.array(
    z.object({
      id: z.string(),
      severity: z.enum(['critical', 'warn', 'info']),
      status: z.string(),
      raisedAt: z.iso.datetime(),
      title: messageSchema,
    }),
  ),
  sales: z.array(
    z.object({
      id: z.string(),
      items: z.array(z.object({ name: z.string(), qty: z.number() })),
      totalMinor: z.number(),
      /** What went back of the sale (issue 62): all of a refunded one, else the parts refunded. */
      refundedMinor: z.number(),
      currency: z.string(),
      paymentStatus: z.string(),
      vendStatus: z.string(),
      orderedAt: z.iso.datetime(),
    }),
  ),
  products: z.object({
    from: z.enum(['package', 'sales', 'none']),
    version: z.number().nullable(),
    names: z.array(z.string()),
  }),
});
export type MachineOverviewJson = z.infer<typeof machineOverviewSchema>;

export const rolloutSchema = z.object({
  id: z.string(),
  packageId: z.string(),
  tag: z.string(),
  canaryPercent: z.number(),
  status: z.enum(['canary', 'held', 'rolling', 'completed', 'aborted']),
  canaryBatchId: z.string(),
  restBatchId: z.string().nullable(),
  previousPackageId: z.string().nullable(),
});
const stageSchema = z.object({
  batchId: z.string(),
  status: z.enum(['running', 'completed', 'aborted']),
  total: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  pending: z.number(),
  cancelled: z.number(),
});
/** A rollout's progress: its stages, how far it reached and the machines that failed. */
export const rolloutReviewSchema = z.object({
  id: z.string(),
  status: rolloutSchema.shape.status,
  tag: z.string(),
  version: z.number(),
  previousVersion: z.number().nullable(),
  abortAtFailurePercent: z.number(),
  abortedStage: z.enum(['canary', 'rest']).nullable(),
  canary: stageSchema,
  rest: stageSchema.nullable(),
  reach: z.object({
    machines: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    pending: z.number(),
    notSent: z.number(),
    everywhere: z.boolean(),
  }),
  failures: z.array(machineResultSchema),
  resendable: z.number(),
  taggedMachines: z.number(),
});
export type RolloutReviewJson = z.infer<typeof rolloutReviewSchema>;
