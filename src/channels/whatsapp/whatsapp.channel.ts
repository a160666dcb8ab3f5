import { deliveryRefused, type MessageChannel, type Output } from '../../core/conversations/index.ts';
import { languageOfPhoneNumber } from '../../core/i18n/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { type Config, outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { type WhatsAppAccounts, whatsappSettingsOf } from './whatsapp.accounts.ts';
import { downloadWhatsAppMedia, sendWhatsAppMessage, uploadWhatsAppMedia } from './whatsapp.client.ts';
import { type MediaSource, renderWhatsAppMessage } from './whatsapp.outbound.ts';
import { SERVICE_WINDOW_MS } from './whatsapp.rules.ts';
import { templateOutput, whatsappTemplatesOf } from './whatsapp.templates.ts';

export const WHATSAPP_CHANNEL = 'whatsapp';

/** Uploads a flow's bytes or passes its link: the two ways Meta accepts media. */
export async function mediaSourceOf(
  account: Parameters<typeof uploadWhatsAppMedia>[0],
  output: Output,
): Promise<MediaSource | undefined> {
  if (output.kind !== 'image' && output.kind !== 'document') return undefined;
  if ('url' in output.file) return { link: output.file.url };
  return { id: await uploadWhatsAppMedia(account, output.file) };
}

/**
 * WhatsApp Cloud API as a chat channel: the one outbound path to an organization's number, for bot
 * replies, staff messages and notifications alike.
 */
export function createWhatsAppChannel(deps: {
  accounts: WhatsAppAccounts;
  config: Config;
  /** The flow every number runs unless its organization names one (`WHATSAPP_FLOW`); none: the modules' default. */
  flow?: string | undefined;
}): MessageChannel {
  const timeouts = {
    callMs: outsideCallTimeoutMs(deps.config, 'whatsapp'),
    mediaMs: outsideCallTimeoutMs(deps.config, 'whatsappMedia'),
  };
  const accountOf = async (orgId: string) => {
    const account = await deps.accounts.forOrg(orgId);
    if (!account)
      throw deliveryRefused(
        'whatsapp_not_configured',
        'This organization has no WhatsApp number and token configured',
      );
    return { ...account, timeouts };
  };
  return {
    name: WHATSAPP_CHANNEL,
    contactChannel: 'whatsapp',
    // A wa_id is the number with its country code.
    addressLanguage: languageOfPhoneNumber,
    configured: async (ctx) => (await deps.accounts.forOrg(ctx.orgId)) !== undefined,
    // Meta's pair rate limit: about one message every 6 seconds to one person.
    pace: { perRecipientMs: 6_000 },
    serviceWindowMs: SERVICE_WINDOW_MS,
    // Meta posts a `sent` status for each accepted message, with biz_opaque_callback_data, within
    // seconds; a minute also outlasts a send in flight (the upload and the send each time out within
    // `outsideCallTimeoutMs(config, 'whatsapp')`, 10 s by default).
    reportsSends: { withinMs: 60_000 },
    // The claim of a reply comes after the media upload, right before the message is posted.
    callsBeforeRequest: true,
    async templateFor(ctx, message) {
      const templates = whatsappTemplatesOf(await getOrganization(ctx));
      return templateOutput(templates[message.template], message);
    },
    flowFor: (org) => whatsappSettingsOf(org).flow ?? deps.flow,
    async send(_ctx, to, output, options) {
      const account = await accountOf(to.orgId);
      const media = await mediaSourceOf(account, output);
      const message = renderWhatsAppMessage(to.externalId, output, media);
      // Meta echoes it in this message's status webhooks: a send whose answer was lost is still matched.
      if (options?.reference) message.biz_opaque_callback_data = options.reference;
      const id = await sendWhatsAppMessage(account, message, options?.beforeRequest);
      return { channelMessageId: id };
    },
    async download(_ctx, target, media) {
      const account = await accountOf(target.orgId);
      const file = await downloadWhatsAppMedia(account, media.fileId, media.sha256);
      return { ...file, ...(media.fileName ? { fileName: media.fileName } : {}) };
    },
  };
}
