import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/** Messages the raffle sends a buyer outside a conversation (notifications), English and Spanish. */
export const raffleNotifyCatalog: NamespaceCatalogs = {
  en: {
    order_paid: 'Payment confirmed for "{{raffle}}". Your tickets: {{numbers}}. Good luck!',
    hold_expired:
      'Your hold on tickets {{numbers}} for "{{raffle}}" expired and they were released. Write "menu" to start again.',
    hold_reminder:
      'Reminder: your tickets {{numbers}} for "{{raffle}}" are held until {{until}}. Send your payment proof before then.',
    proof_denied:
      'Your payment proof for tickets {{numbers}} was not accepted: {{reason}}. You may send another one.',
    order_cancelled:
      'Your order for tickets {{numbers}} of "{{raffle}}" was cancelled and the tickets released.',
    order_refunded:
      '{{amount}} went back to you for tickets {{numbers}} of "{{raffle}}". Reason: {{reason}}.',
    announcement: 'News about "{{raffle}}": {{message}}',
    winner: 'Congratulations! Your ticket {{number}} won "{{prize}}" in "{{raffle}}".',
  },
  es: {
    order_paid: 'Pago confirmado para "{{raffle}}". Tus boletos: {{numbers}}. ¡Suerte!',
    hold_expired:
      'Tu reserva de los boletos {{numbers}} de "{{raffle}}" venció y fueron liberados. Escribe "menu" para empezar de nuevo.',
    hold_reminder:
      'Recordatorio: tus boletos {{numbers}} de "{{raffle}}" están reservados hasta las {{until}}. Envía tu comprobante antes.',
    proof_denied:
      'Tu comprobante para los boletos {{numbers}} no fue aceptado: {{reason}}. Puedes enviar otro.',
    order_cancelled:
      'Tu pedido de los boletos {{numbers}} de "{{raffle}}" fue cancelado y los boletos liberados.',
    order_refunded:
      'Te devolvimos {{amount}} por los boletos {{numbers}} de "{{raffle}}". Motivo: {{reason}}.',
    announcement: 'Novedades de "{{raffle}}": {{message}}',
    winner: '¡Felicidades! Tu boleto {{number}} ganó "{{prize}}" en "{{raffle}}".',
  },
};
