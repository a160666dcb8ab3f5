import { defineErrors } from '../../platform/errors/index.ts';

/**
 * Answers to Meta's servers (webhook verification and delivery), never read by a person in a chat
 * or the console; so, unlike every other area's, these codes have no translations.
 */
export const WhatsAppErrors = defineErrors('whatsapp', {
  webhook_disabled: {
    status: 403,
    title: 'WhatsApp webhooks are refused: no app secret is configured',
  },
  signature_invalid: {
    status: 401,
    title: 'The X-Hub-Signature-256 of this webhook is missing or wrong',
  },
  verify_failed: { status: 403, title: 'Wrong hub.mode or hub.verify_token' },
});
