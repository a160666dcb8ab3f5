import type { MessageChannel } from '../../core/conversations/index.ts';

export const USSD_CHANNEL = 'ussd';

/**
 * USSD as a chat channel: the screens a flow answers go back in the gateway's HTTP answer
 * (`answerInline`), so sending records them and nothing else; nothing can be sent outside a session
 * (a notification goes by SMS). The flow is the organization's `settings.ussd.flow`, else the one its
 * modules declare for `ussd`.
 */
export const ussdChannel: MessageChannel = {
  name: USSD_CHANNEL,
  answersInline: true,
  pace: { perRecipientMs: 0 },
  flowFor: (org) => {
    const own = (org.settings?.ussd ?? {}) as { flow?: unknown };
    return typeof own.flow === 'string' ? own.flow : undefined;
  },
  async send() {
    return { channelMessageId: null };
  },
};
