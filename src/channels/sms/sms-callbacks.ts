import type { Ctx } from '../../core/context/index.ts';
import {
  currentCallbackKey,
  deriveCallbackKey,
  findOrganizationBySlug,
  isCurrentCallbackKey,
  rotateCallbackKey,
} from '../../core/orgs/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { accountOf, type SmsAccountScope, scopeOfAccount, smsSettingsOf } from './sms.accounts.ts';
import type { SmsConfig } from './sms.config.ts';

/*
 * Africa's Talking signs no callback and calls back one set of URLs per account, so each account's
 * URLs carry a key of its own (core/orgs callback keys, purpose `sms`): an organization's own account
 * under `/webhooks/sms/<provider>/<org slug>/<key>`, the key mixing the organization and the account
 * and rotated by its owner; the deployment's account, which the organizations without one share,
 * under `/webhooks/sms/<provider>/<key>`, the key mixing no organization, known to the operator only
 * and changed by a new OPSDESK_SECRET_KEY. A callback acts only within the account its URL speaks for.
 */

const PURPOSE = 'sms';
const SLUG = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** How an account is named in its callback key: `africastalking:kigalipower`. */
const accountKeyOf = (account: { provider: string; username: string }) =>
  `${account.provider}:${account.username}`;

/** The two URLs pasted in Africa's Talking's dashboard (SMS → Callback URLs). */
export interface SmsCallbackUrls {
  deliveryReportsUrl: string;
  incomingMessagesUrl: string;
}

const urlsAt = (publicUrl: string | undefined, path: string): SmsCallbackUrls => {
  const base = `${(publicUrl ?? '').replace(/\/+$/, '')}${path}`;
  return { deliveryReportsUrl: `${base}/delivery`, incomingMessagesUrl: `${base}/inbound` };
};

/**
 * The deployment's account's callback URLs, for its operator (`opsdesk sms callback-urls`, the
 * sandbox): no organization's answer holds them.
 */
export function deploymentSmsCallbackUrls(input: {
  publicUrl: string | undefined;
  secretKey: string;
  provider: string;
  username: string;
}): SmsCallbackUrls {
  const scope = { purpose: PURPOSE, orgId: null, account: accountKeyOf(input) };
  return urlsAt(
    input.publicUrl,
    `/webhooks/sms/${input.provider}/${deriveCallbackKey(input.secretKey, scope, 0)}`,
  );
}

interface OwnAccountUrls {
  secretKey: string;
  publicUrl: string | undefined;
  /** The organization's slug: its URLs name it. */
  slug: string;
  account: { provider: string; username: string };
}

const ownUrls = (input: OwnAccountUrls, key: string) =>
  urlsAt(input.publicUrl, `/webhooks/sms/${input.account.provider}/${input.slug}/${key}`);

/** The callback URLs of the caller's organization's own account, under its current key. */
export async function ownSmsCallbackUrls(ctx: Ctx, input: OwnAccountUrls): Promise<SmsCallbackUrls> {
  const key = await currentCallbackKey(ctx, input.secretKey, {
    purpose: PURPOSE,
    account: accountKeyOf(input.account),
  });
  return ownUrls(input, key);
}

/**
 * Gives the caller's organization's own account a new callback key (audited): the URLs pasted before
 * are refused from now on. Answers the new URLs, for the owner to paste.
 */
export async function rotateOwnSmsCallbackKey(ctx: Ctx, input: OwnAccountUrls): Promise<SmsCallbackUrls> {
  const key = await rotateCallbackKey(ctx, input.secretKey, {
    purpose: PURPOSE,
    account: accountKeyOf(input.account),
  });
  return ownUrls(input, key);
}

/**
 * The account a callback URL speaks for, when `key` is that account's current key: the own account of
 * the organization whose slug is `org`, or without `org` the deployment's. Undefined otherwise (a
 * wrong or rotated key, an organization without an account of its own, another provider).
 */
export async function smsCallbackScope(
  deps: { db: Db; secretKey: string; config: SmsConfig },
  path: { provider: string; org?: string; key: string },
): Promise<SmsAccountScope | undefined> {
  const { db, secretKey, config } = deps;
  if (path.org === undefined) {
    const { SMS_PROVIDER: provider, AFRICASTALKING_USERNAME: username } = config;
    if (!username || !config.AFRICASTALKING_API_KEY || provider !== path.provider) return undefined;
    const scope = { purpose: PURPOSE, orgId: null, account: accountKeyOf({ provider, username }) };
    return (await isCurrentCallbackKey(db, secretKey, scope, path.key))
      ? { provider, username, orgId: null }
      : undefined;
  }
  // A slug is lowercase letters, digits and dashes (organization_slug_check): nothing else is looked up.
  const org = SLUG.test(path.org) ? await findOrganizationBySlug(db, path.org) : undefined;
  const account = org && accountOf(smsSettingsOf(org.settings, secretKey), config);
  if (!org || !account?.own || account.provider !== path.provider) return undefined;
  const scope = { purpose: PURPOSE, orgId: org.id, account: accountKeyOf(account) };
  return (await isCurrentCallbackKey(db, secretKey, scope, path.key))
    ? scopeOfAccount(org.id, account)
    : undefined;
}
