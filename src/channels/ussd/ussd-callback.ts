import type { Ctx } from '../../core/context/index.ts';
import {
  currentCallbackKey,
  findOrganizationBySlug,
  getOrganization,
  isCurrentCallbackKey,
  type Organization,
  rotateCallbackKey,
} from '../../core/orgs/index.ts';
import type { Db } from '../../platform/db/index.ts';

/** The purpose of an organization's USSD callback key (core/orgs callback keys). */
export const USSD_CALLBACK_PURPOSE = 'ussd';
/** Asked about when a slug names no organization, so that costs what a wrong key does. */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

const callbackUrl = (publicUrl: string | undefined, slug: string, key: string) =>
  `${(publicUrl ?? '').replace(/\/+$/, '')}/webhooks/ussd/africastalking/${slug}/${key}`;

/** The callback URL the caller's organization gives Africa's Talking for its USSD service code. */
export async function ussdCallbackUrl(ctx: Ctx, secretKey: string, publicUrl?: string): Promise<string> {
  const key = await currentCallbackKey(ctx, secretKey, { purpose: USSD_CALLBACK_PURPOSE });
  return callbackUrl(publicUrl, (await getOrganization(ctx)).slug, key);
}

/**
 * A new USSD callback URL for the caller's organization (its owner pastes it into Africa's
 * Talking's dashboard): the one before is refused from now on. Audited by core/orgs.
 */
export async function rotateUssdCallbackUrl(
  ctx: Ctx,
  secretKey: string,
  publicUrl?: string,
): Promise<string> {
  const key = await rotateCallbackKey(ctx, secretKey, { purpose: USSD_CALLBACK_PURPOSE });
  return callbackUrl(publicUrl, (await getOrganization(ctx)).slug, key);
}

/**
 * The organization a USSD callback URL opens: the one its slug names, if the key is that
 * organization's current one; else undefined. Slugs are public and a key opens one organization, so
 * a slug naming no organization is asked about like a wrong key: the caller cannot tell them apart.
 */
export async function organizationOfUssdCallback(
  db: Db,
  secretKey: string,
  url: { org: string; key: string },
): Promise<Organization | undefined> {
  const org = await findOrganizationBySlug(db, url.org);
  const scope = { purpose: USSD_CALLBACK_PURPOSE, orgId: org?.id ?? NO_ORGANIZATION };
  return (await isCurrentCallbackKey(db, secretKey, scope, url.key)) ? org : undefined;
}
