import { z } from 'zod';
import { MEMBERSHIP_STATES } from './membership.rules.ts';
import { ROLES } from './permissions.rules.ts';

export const loginBody = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1000),
  org: z.string().max(40).optional().describe('Organization slug; the first membership when omitted'),
});

/** A person's membership in the caller's organization. */
export const memberSchema = z.object({
  id: z.string().uuid(),
  email: z.string().describe('As the inviter typed it until the person accepts'),
  name: z.string().describe('As the inviter typed it until the person accepts'),
  role: z.enum(ROLES),
  extraPermissions: z.array(z.string()),
  state: z
    .enum(MEMBERSHIP_STATES)
    .describe('invited: grants nothing until the person accepts; disabled: in this organization only'),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Member = z.infer<typeof memberSchema>;

export const invitationSchema = z.object({
  orgId: z.string().uuid(),
  orgSlug: z.string(),
  orgName: z.string(),
  role: z.enum(ROLES),
  invitedAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const orgIdParams = z.object({ orgId: z.string().uuid() });

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: z.string() }),
  organization: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    timeZone: z.string(),
    currency: z.string(),
    languages: z.array(z.string()),
    /** The enabled modules it runs (the console shows only theirs). */
    modules: z.array(z.string()),
  }),
  organizations: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      /** The enabled modules it runs. */
      modules: z.array(z.string()),
    }),
  ),
  role: z.enum(ROLES),
  permissions: z.array(z.string()),
  csrfToken: z.string().nullable(),
});
/** The session as `GET /api/auth/session`, the login and the organization switch answer it (the browser apps read it). */
export type SessionJson = z.infer<typeof sessionSchema>;
/** `GET /api/auth/session` asked with no credential at all: nobody is signed in (issue 66). */
export const signedOutSchema = z.object({ signedIn: z.literal(false) });
export type SignedOutJson = z.infer<typeof signedOutSchema>;

export const addMemberBody = z.object({
  email: z.string().trim().email().max(254),
  name: z.string().trim().min(1).max(200),
  password: z
    .string()
    .min(10)
    .max(1000)
    .describe('First password of a new account; ignored when the e-mail already has an account'),
  role: z.enum(ROLES),
});

export const updateMemberBody = z
  .object({
    role: z.enum(ROLES).optional(),
    extraPermissions: z
      .array(z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+$/))
      .max(200)
      .optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message: 'give at least one of role, extraPermissions, disabled',
  });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(10).max(1000),
});

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string()).min(1).max(200),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  userId: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiTokenView = z.infer<typeof tokenSchema>;

export const idParams = z.object({ id: z.string().uuid() });
