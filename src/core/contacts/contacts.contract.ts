import { z } from 'zod';
import { pageQuery } from '../resources/index.ts';
import { CHANNELS, LANGUAGES } from './contacts.rules.ts';

const identitySchema = z.object({
  channel: z.enum(CHANNELS),
  externalId: z.string(),
  createdAt: z.iso.datetime(),
});

/** A contact as use cases and routes return it. */
export const contactSchema = z.object({
  id: z.string().uuid(),
  displayName: z.string().nullable(),
  preferredLanguage: z
    .enum(LANGUAGES)
    .nullable()
    .describe("null: not chosen yet; speak the organization's first language"),
  marketingOptIn: z.boolean(),
  marketingOptInChangedAt: z.iso.datetime().nullable(),
  transactionalOptIn: z.boolean(),
  transactionalOptInChangedAt: z.iso.datetime().nullable(),
  mergedIntoId: z.string().nullable().describe('Set when this contact was merged into another: follow it'),
  identities: z.array(identitySchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Contact = z.infer<typeof contactSchema>;
export type ContactIdentity = z.infer<typeof identitySchema>;

const identityInput = z.object({
  channel: z.enum(CHANNELS),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .describe(
      "Telegram user id, WhatsApp wa_id, e-mail, or phone: international (+250788123456) or local in the organization's country",
    ),
});

const defaultCountry = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166 country code like RW')
  .optional()
  .describe("Reads phone numbers written without + in this country; default: the organization's");

export const listQuery = z.object({
  q: z.string().max(200).optional().describe('Part of a name, e-mail, phone or channel id'),
  ...pageQuery({ perPage: 50 }),
  includeMerged: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const createBody = z.object({
  displayName: z.string().trim().min(1).max(200).nullable().optional(),
  preferredLanguage: z.enum(LANGUAGES).nullable().optional(),
  marketingOptIn: z.boolean().optional(),
  transactionalOptIn: z.boolean().optional(),
  identities: z.array(identityInput).max(20).optional(),
  defaultCountry,
});

export const patchBody = z
  .object({
    displayName: z.string().trim().min(1).max(200).nullable().optional(),
    preferredLanguage: z.enum(LANGUAGES).nullable().optional(),
    marketingOptIn: z.boolean().optional(),
    transactionalOptIn: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message: 'give at least one of displayName, preferredLanguage, marketingOptIn, transactionalOptIn',
  });

export const addIdentityBody = identityInput.extend({ defaultCountry });

export const mergeBody = z.object({
  keepId: z.string().uuid().describe('The contact that stays'),
  mergeId: z.string().uuid().describe('The contact folded into it'),
});

export const idParams = z.object({ id: z.string().uuid() });
