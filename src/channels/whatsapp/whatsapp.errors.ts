import { defineErrors } from '../../platform/errors/index.ts';

export const WhatsAppErrors = defineErrors({
  whatsapp_webhook_disabled: {
    status: 403,
    title: 'WhatsApp webhooks are refused: no app secret is configured',
  },
  whatsapp_signature_invalid: {
    status: 401,
    title: 'The X-Hub-Signature-256 of this webhook is missing or wrong',
  },
  whatsapp_verify_failed: { status: 403, title: 'Wrong hub.mode or hub.verify_token' },
});
