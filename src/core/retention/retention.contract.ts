import { z } from 'zod';
import { MAX_RETENTION_DAYS } from './retention.rules.ts';

const days = z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable();

export const retentionSettingsSchema = z.object({
  kinds: z.array(
    z.object({
      kind: z.string(),
      /** Console i18n key of the kind's name. */
      label: z.string(),
      defaultDays: z.number().int(),
      /** The period in force; null: kept forever. */
      days: days,
      /** True when the organization chose this period itself. */
      chosen: z.boolean(),
    }),
  ),
  legalHold: z.boolean(),
  legalHoldReason: z.string().nullable(),
  /** Finished background jobs: kept this many days for the whole deployment (OPSDESK_JOBS_KEEP_DAYS). */
  jobsKeepDays: z.number().int(),
});

export const retentionSettingsPatch = z.object({
  periods: z.record(z.string(), days).optional(),
  legalHold: z.boolean().optional(),
  legalHoldReason: z.string().trim().max(500).nullable().optional(),
});

export const retentionPreviewSchema = z.object({
  held: z.boolean(),
  kinds: z.array(
    z.object({
      kind: z.string(),
      days: z.number().int().nullable(),
      cutoff: z.iso.datetime().nullable(),
      rows: z.number().int(),
      bytes: z.number().int(),
    }),
  ),
});

export const legalHoldParams = z.object({ id: z.uuid() });
export const legalHoldBody = z.object({ hold: z.boolean(), reason: z.string().trim().max(500).optional() });
