import { createHash, createHmac } from 'node:crypto';
import {
  botIdOf,
  TELEGRAM_CLAIMED_SETTINGS,
  TELEGRAM_SECRET_SETTINGS,
  telegramAccountSettingsOf,
} from '../../channels/telegram/index.ts';
import {
  declaredWhatsAppTemplates,
  WHATSAPP_CLAIMED_SETTINGS,
  WHATSAPP_SECRET_SETTINGS,
  whatsappSettingsOf,
} from '../../channels/whatsapp/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import { listOrganizations, type Organization, updateOrganization } from '../../core/orgs/index.ts';
import type { Sandbox } from './start-sandbox.ts';

/** One organization's sandbox chat identities: its WhatsApp number and its Telegram bot. */
export interface SandboxChatAccount {
  orgId: string;
  slug: string;
  phoneNumberId?: string;
  bot?: { token: string; username: string; webhookSecret: string };
}

/** Digits from a hash: stable identities, so a restart finds the same number and bot again. */
const digitsOf = (text: string, length: number) =>
  BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 24)}`)
    .toString()
    .padStart(length, '0')
    .slice(0, length);

/**
 * The organization's sandbox number and bot, derived from its id (and, for the bot's secrets, from
 * OPSDESK_SECRET_KEY): the same on every start, different for every organization.
 */
export function sandboxChatIdentities(org: Pick<Organization, 'id' | 'slug'>, secretKey: string) {
  const secret = (purpose: string) =>
    createHmac('sha256', secretKey).update(`sandbox.${purpose}:${org.id}`).digest('base64url');
  const botId = `7${digitsOf(`bot:${org.id}`, 9)}`;
  return {
    phoneNumberId: `1555${digitsOf(`wa:${org.id}`, 11)}`,
    botToken: `${botId}:AA${secret('bot').slice(0, 33)}`,
    webhookSecret: secret('webhook').slice(0, 32),
    botUsername: `opsdesk_${org.slug.replace(/[^a-z0-9]/gi, '_').slice(0, 20)}_sandbox_bot`,
  };
}

/** Settings of one channel without its sealed secrets (a patch leaves unsent secrets as they are). */
function withoutSecrets(org: Organization, channel: string, secretPaths: string[]): Record<string, unknown> {
  const own = { ...((org.settings?.[channel] ?? {}) as Record<string, unknown>) };
  for (const path of secretPaths) delete own[path.split('.')[1]!];
  return own;
}

/**
 * Gives every organization the sandbox's own WhatsApp number (with the approved templates its
 * messages declare) and Telegram bot for the channels the sandbox plays, claimed as any saved
 * number is (`org_channel_claim`), unless it set up its own.
 * Safe to run again: an organization that already has its sandbox number keeps it.
 */
export function createSandboxChats(deps: AreaDeps, sandbox: Sandbox) {
  const accounts = new Map<string, SandboxChatAccount>();
  const key = deps.config.OPSDESK_SECRET_KEY;

  async function provision(org: Organization): Promise<SandboxChatAccount> {
    const ids = sandboxChatIdentities(org, key);
    const patch: Record<string, Record<string, unknown>> = {};
    const account: SandboxChatAccount = { orgId: org.id, slug: org.slug };
    if (sandbox.whatsapp) {
      const own = whatsappSettingsOf(org).phoneNumberId;
      const onSandboxNumber = !own || own === ids.phoneNumberId;
      // The sandbox plays Meta's approval too: on its number every message that declares its
      // template has it, so what the business starts outside a person's 24-hour window arrives.
      const ownTemplates = (org.settings?.whatsapp as { templates?: unknown } | undefined)?.templates;
      const templates =
        onSandboxNumber && !ownTemplates ? declaredWhatsAppTemplates(deps.declared.templates()) : {};
      const approving = Object.keys(templates).length > 0;
      if (!own || approving)
        patch.whatsapp = {
          ...withoutSecrets(org, 'whatsapp', WHATSAPP_SECRET_SETTINGS),
          phoneNumberId: ids.phoneNumberId,
          ...(approving ? { templates } : {}),
        };
      if (onSandboxNumber) {
        sandbox.whatsapp.addNumber(ids.phoneNumberId);
        account.phoneNumberId = ids.phoneNumberId;
      }
    }
    if (sandbox.telegram) {
      const own = telegramAccountSettingsOf(org, key).botToken;
      if (!own)
        patch.telegram = {
          ...withoutSecrets(org, 'telegram', TELEGRAM_SECRET_SETTINGS),
          botToken: ids.botToken,
          webhookSecret: ids.webhookSecret,
        };
      if (!own || botIdOf(own) === botIdOf(ids.botToken)) {
        sandbox.telegram.register(ids.botToken, ids.botUsername);
        account.bot = { token: ids.botToken, username: ids.botUsername, webhookSecret: ids.webhookSecret };
      }
    }
    if (Object.keys(patch).length > 0)
      await updateOrganization(
        deps.systemCtx(org.id, 'sandbox.chats'),
        { settings: patch },
        { paths: [...WHATSAPP_SECRET_SETTINGS, ...TELEGRAM_SECRET_SETTINGS], key },
        [...WHATSAPP_CLAIMED_SETTINGS, ...TELEGRAM_CLAIMED_SETTINGS],
      );
    accounts.set(org.id, account);
    return account;
  }

  return {
    /** Whether the organization runs a flow (its modules decide). */
    runsFlow: (org: Organization, flow: string) => deps.conversations.flowNamesFor(org).includes(flow),
    /** The flow a chat channel runs for the organization (its settings, the channel's, its modules' default). */
    flowOn: (channel: 'whatsapp' | 'telegram', org: Organization) =>
      deps.conversations.channel(channel)?.flowFor?.(org, undefined),
    /** Every organization there is now (at start, and after the demo made its organizations). */
    async provisionAll(): Promise<void> {
      for (const org of await listOrganizations(deps.database.db))
        if (!accounts.has(org.id)) await provision(org);
    },
    /** One organization's sandbox chats, given on first need. */
    async accountOf(orgId: string): Promise<SandboxChatAccount | undefined> {
      const known = accounts.get(orgId);
      if (known) return known;
      const org = (await listOrganizations(deps.database.db)).find((o) => o.id === orgId);
      return org ? provision(org) : undefined;
    },
  };
}

export type SandboxChats = ReturnType<typeof createSandboxChats>;
