import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * The raffle's SMS words (issue 65): what a buyer is told by text when WhatsApp could not deliver it
 * (an order's outcome, a won prize), within two parts with the longest values (`raffle.sms.test.ts`).
 * Written in GSM-7 letters (é à è ù ñ ¡ kept; no ó, á, í, ç, ê, typographic quotes or dashes), so one
 * letter does not turn a whole text into UCS-2 and halve its room. Hindi in Latin letters, as the
 * region's service texts are.
 */
export const raffleSmsCatalog: NamespaceCatalogs = {
  en: {
    order_paid: 'Payment confirmed for "{{raffle}}". Your tickets: {{numbers}}. Good luck!',
    proof_denied:
      'Your payment proof for tickets {{numbers}} was not accepted: {{reason}}. You may send another one.',
    order_cancelled:
      'Your order for tickets {{numbers}} of "{{raffle}}" was cancelled and the tickets released.',
    order_refunded:
      '{{amount}} went back to you for tickets {{numbers}} of "{{raffle}}". Reason: {{reason}}.',
    winner: 'Congratulations! Your ticket {{number}} won "{{prize}}" in "{{raffle}}".',
  },
  es: {
    order_paid: 'Pago confirmado para "{{raffle}}". Tus boletos: {{numbers}}. ¡Suerte!',
    proof_denied:
      'Tu comprobante para los boletos {{numbers}} no fue aceptado: {{reason}}. Puedes enviar otro.',
    order_cancelled:
      'Tu pedido de los boletos {{numbers}} de "{{raffle}}" fue cancelado y los boletos liberados.',
    order_refunded:
      'Te devolvimos {{amount}} por los boletos {{numbers}} de "{{raffle}}". Motivo: {{reason}}.',
    winner: '¡Felicidades! Tu boleto {{number}} es el ganador de "{{prize}}" en "{{raffle}}".',
  },
  fr: {
    order_paid: 'Paiement confirmé pour "{{raffle}}". Vos billets: {{numbers}}. Bonne chance!',
    proof_denied:
      'Votre preuve de paiement pour les billets {{numbers}} a été refusée: {{reason}}. Vous pouvez en envoyer une autre.',
    order_cancelled:
      'Votre commande des billets {{numbers}} de "{{raffle}}" a été annulée et les billets libérés.',
    order_refunded:
      'Remboursement de {{amount}} pour les billets {{numbers}} de "{{raffle}}". Motif: {{reason}}.',
    winner: 'Félicitations! Votre billet {{number}} a gagné "{{prize}}" dans la tombola "{{raffle}}".',
  },
  hi: {
    order_paid: '"{{raffle}}" ka bhugtan pakka hua. Aapke ticket: {{numbers}}. Shubhkamnayen!',
    proof_denied:
      'Ticket {{numbers}} ka aapka bhugtan praman sweekar nahin hua: {{reason}}. Aap doosra bhej sakte hain.',
    order_cancelled: '"{{raffle}}" ke ticket {{numbers}} ka aapka order radd hua aur ticket chhod diye gaye.',
    order_refunded:
      '"{{raffle}}" ke ticket {{numbers}} ke liye {{amount}} aapko lautaye gaye. Karan: {{reason}}.',
    winner: 'Badhai ho! Aapke ticket {{number}} ne "{{raffle}}" mein "{{prize}}" jeeta.',
  },
  rw: {
    order_paid: 'Kwishyura kwa "{{raffle}}" kwemejwe. Amatike yawe: {{numbers}}. Amahirwe masa!',
    proof_denied:
      'Icyemezo cyo kwishyura amatike {{numbers}} nticyemewe: {{reason}}. Ushobora kohereza ikindi.',
    order_cancelled: 'Itumiza ry\'amatike {{numbers}} ya "{{raffle}}" ryahagaritswe, amatike arekurwa.',
    order_refunded: 'Wasubijwe {{amount}} y\'amatike {{numbers}} ya "{{raffle}}". Impamvu: {{reason}}.',
    winner: 'Turakwishimiye! Itike yawe {{number}} yatsindiye "{{prize}}" muri "{{raffle}}".',
  },
};
