import { type ChannelDriver, deliveryRefused, type Output } from '../../core/conversations/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { type WhatsAppAccounts, whatsappSettingsOf } from './whatsapp.accounts.ts';
import { downloadWhatsAppMedia, sendWhatsAppMessage, uploadWhatsAppMedia } from './whatsapp.client.ts';
import { type MediaSource, renderWhatsAppMessage } from './whatsapp.outbound.ts';
import { insideServiceWindow } from './whatsapp.rules.ts';

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

/** WhatsApp Cloud API as a conversation channel. */
export function createWhatsAppDriver(deps: { accounts: WhatsAppAccounts; config: Config }): ChannelDriver {
  const accountOf = async (orgId: string) => {
    const account = await deps.accounts.forOrg(orgId);
    if (!account)
      throw deliveryRefused(
        'whatsapp_not_configured',
        'This organization has no WhatsApp number and token configured',
      );
    return account;
  };
  return {
    name: WHATSAPP_CHANNEL,
    contactChannel: 'whatsapp',
    flowFor: (org) => whatsappSettingsOf(org).flow ?? deps.config.WHATSAPP_FLOW,
    async send(ctx, target, output) {
      if (output.kind !== 'template' && !insideServiceWindow(target.lastInboundAt, ctx.clock.now())) {
        throw deliveryRefused(
          'whatsapp_window_closed',
          'The person last wrote more than 24 hours ago: WhatsApp accepts only approved templates until they write again',
          { lastInboundAt: target.lastInboundAt?.toISOString() ?? null },
        );
      }
      const account = await accountOf(target.orgId);
      const media = await mediaSourceOf(account, output);
      const id = await sendWhatsAppMessage(account, renderWhatsAppMessage(target.externalId, output, media));
      return { channelMessageId: id };
    },
    async download(_ctx, target, media) {
      const account = await accountOf(target.orgId);
      const file = await downloadWhatsAppMedia(account, media.fileId, media.sha256);
      return { ...file, ...(media.fileName ? { fileName: media.fileName } : {}) };
    },
  };
}
