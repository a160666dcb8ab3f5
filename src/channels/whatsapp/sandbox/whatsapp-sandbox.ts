import { randomBytes } from 'node:crypto';
import { startWhatsAppStandin } from './whatsapp-graph.ts';

/**
 * WhatsApp Cloud API played on 127.0.0.1 for the sandbox: the Graph API the real channel sends
 * through (one access token, one number per organization) and Meta's side of the webhook: what a
 * person types or taps is posted to the app's `/webhooks/whatsapp`, signed with the app secret, and
 * every accepted message is reported `sent` the same way.
 */
export async function startWhatsAppSandbox(options: { webhookUrl: () => string | undefined }) {
  const accessToken = `EAASandbox${randomBytes(24).toString('base64url')}`;
  const appSecret = randomBytes(24).toString('hex');
  const graph = await startWhatsAppStandin({ accessToken });
  graph.reportStatusesTo({ to: options.webhookUrl, appSecret });
  return {
    url: graph.url,
    accessToken,
    appSecret,
    graph,
    /** A number the sandbox answers for (an organization's). */
    addNumber: (phoneNumberId: string) => graph.addPhone(phoneNumberId),
    /** Posts an inbound envelope (see `graph.textMessage` and its kin) as Meta does. */
    async deliver(payload: unknown): Promise<void> {
      const to = options.webhookUrl();
      if (!to) throw new Error('the app does not listen yet');
      const answer = await graph.deliverWebhook({ to, appSecret, payload });
      if (answer.status >= 300) throw new Error(`the app answered the webhook with ${answer.status}`);
    },
    close: () => graph.close(),
  };
}

export type WhatsAppSandbox = Awaited<ReturnType<typeof startWhatsAppSandbox>>;
