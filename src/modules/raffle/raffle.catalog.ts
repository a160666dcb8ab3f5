import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { raffleErrorMessages } from './raffle.errors.catalog.ts';

/**
 * The bot's messages, Spanish and English (`idioma` / `language` switches); `errors.raffle.<code>`
 * words any raffle refusal the chat has no more specific reply for.
 */
export const raffleCatalog: NamespaceCatalogs = {
  en: {
    menu: {
      text: 'Welcome to the raffles! What would you like to do?',
      raffles: 'See raffles',
      mine: 'My tickets',
      help: 'Help',
    },
    help: 'Write "raffles" to see open raffles, pick numbers like 5,12,99 or "random 3", then "confirm" and send a photo or PDF of your payment. "my tickets" shows your orders, "cancel" releases a hold, "language" changes the language.',
    list: {
      empty: 'There are no open raffles right now.',
      text: 'Open raffles:\n{{lines}}\nReply with the number, tap one, or write part of its name.',
      search_text:
        'Open raffles with "{{search}}" in their name:\n{{lines}}\nReply with the number or tap one.',
      search_none: 'No open raffle has "{{search}}" in its name.',
      more_text: 'There are {{count}} more: tap "More raffles" or write "more".',
      more_title: 'More raffles ➜',
      more_row: '{{count}} more open raffles',
      button: 'Raffles',
      row: '{{free}} free · {{price}}',
      row_titled: '{{title}} · {{free}} free · {{price}}',
    },
    details: {
      text: '*{{title}}*\n{{description}}\nPrice: {{price}} per ticket. Numbers {{min}}–{{max}}, {{free}} free.\nPrizes: {{prizes}}\nWrite the numbers you want (e.g. 5,12,99) or "random 3".',
      random: 'Random number',
      back: 'Back',
    },
    order: {
      created:
        'Order created ✅\nRaffle: {{title}}\nTickets: {{numbers}}\nTotal: {{total}}\nHeld for {{left}} (until {{until}}).\nConfirm or cancel?',
      existing:
        'You already have an order waiting for payment.\nTickets: {{numbers}}\nTotal: {{total}}\nHeld for {{left}}.\nConfirm or cancel?',
      in_review:
        'We have your payment proof for tickets {{numbers}} ({{total}}) of "{{title}}" and are checking it. We will write as soon as the payment is confirmed; there is nothing more to do for now.',
      confirm: 'Confirm',
      cancel: 'Cancel',
    },
    pay: {
      instructions:
        'To pay {{total}} for tickets {{numbers}}: the seller will write to you in this chat with where and how to pay. Once you have paid, send a photo or PDF of the receipt here within {{left}}.',
      instructions_account:
        'To pay {{total}} for tickets {{numbers}}, transfer the amount to:\n{{account}}\nThen send a photo or PDF of the receipt here within {{left}}.',
    },
    proof: {
      received:
        'Proof received for tickets {{numbers}}. It is under review: we will write when the payment is confirmed.',
      duplicate: 'Note: this receipt looks like one sent before; staff will check it.',
      ask: 'Please send a photo or PDF of your payment receipt, or write "cancel".',
      none: 'You have no order waiting for payment. Write "raffles" to buy tickets.',
    },
    confirm: {
      none: 'You have no order to confirm. Write "raffles" to choose your numbers.',
    },
    until: { other_day: '{{time}} on {{date}}' },
    cancelled: 'Order cancelled; tickets {{numbers}} were released.',
    cancelled_in_review:
      'Order cancelled; tickets {{numbers}} were released. The payment proof you sent stays with our team: if your payment reached us, it will be refunded to you.',
    expired: 'Your hold has expired and the tickets were released. Write "raffles" to start again.',
    mine: {
      none: 'You have no tickets yet.',
      line: '{{title}}: {{numbers}} — {{status}}',
      status: {
        pending_payment: 'waiting for payment',
        in_review: 'payment proof being checked',
        paid: 'paid',
        cancelled: 'cancelled',
        refunded: 'refunded',
        expired: 'expired',
      },
    },
    error: {
      tickets_unavailable: 'Sorry, these numbers are already taken: {{numbers}}. Choose others.',
      numbers_invalid: 'Write the numbers you want from {{min}} to {{max}}, each once (e.g. 5,12,99).',
      numbers_repeated:
        'You wrote {{numbers}} more than once. Each number can be taken only once: write your numbers again without repeats.',
      numbers_outside: 'Not in this raffle: {{numbers}}. Its numbers go from {{min}} to {{max}}.',
      quantity_invalid: 'You can take 1 to {{max}} tickets per order.',
      buyer_limit_reached: 'You have reached the limit of {{max}} tickets for this raffle.',
      pick: 'Write numbers like 5,12,99 or "random 3".',
      busy: 'Many people are buying right now; please try again.',
    },
    errors: { raffle: raffleErrorMessages.en },
  },
  es: {
    menu: {
      text: '¡Bienvenido a las rifas! ¿Qué deseas hacer?',
      raffles: 'Ver rifas',
      mine: 'Mis boletos',
      help: 'Ayuda',
    },
    help: 'Escribe "rifas" para ver las rifas abiertas, elige números como 5,12,99 o "aleatorio 3", luego "confirmar" y envía una foto o PDF de tu pago. "mis boletos" muestra tus pedidos, "cancelar" libera una reserva, "idioma" cambia el idioma.',
    list: {
      empty: 'No hay rifas abiertas en este momento.',
      text: 'Rifas abiertas:\n{{lines}}\nResponde con el número, toca una o escribe parte de su nombre.',
      search_text:
        'Rifas abiertas con "{{search}}" en el nombre:\n{{lines}}\nResponde con el número o toca una.',
      search_none: 'Ninguna rifa abierta tiene "{{search}}" en el nombre.',
      more_text: 'Hay {{count}} más: toca "Más rifas" o escribe "más".',
      more_title: 'Más rifas ➜',
      more_row: '{{count}} rifas abiertas más',
      button: 'Rifas',
      row: '{{free}} libres · {{price}}',
      row_titled: '{{title}} · {{free}} libres · {{price}}',
    },
    details: {
      text: '*{{title}}*\n{{description}}\nPrecio: {{price}} por boleto. Números {{min}}–{{max}}, {{free}} libres.\nPremios: {{prizes}}\nEscribe los números que quieres (ej. 5,12,99) o "aleatorio 3".',
      random: 'Número al azar',
      back: 'Volver',
    },
    order: {
      created:
        'Pedido creado ✅\nRifa: {{title}}\nBoletos: {{numbers}}\nTotal: {{total}}\nReservados por {{left}} (hasta {{until}}).\n¿Confirmas o cancelas?',
      existing:
        'Ya tienes un pedido esperando pago.\nBoletos: {{numbers}}\nTotal: {{total}}\nReservados por {{left}}.\n¿Confirmas o cancelas?',
      in_review:
        'Tenemos tu comprobante de pago de los boletos {{numbers}} ({{total}}) de "{{title}}" y lo estamos revisando. Te escribiremos en cuanto se confirme el pago; por ahora no tienes que hacer nada más.',
      confirm: 'Confirmar',
      cancel: 'Cancelar',
    },
    pay: {
      instructions:
        'Para pagar {{total}} por los boletos {{numbers}}: el vendedor te escribirá por este chat dónde y cómo pagar. Cuando hayas pagado, envía aquí una foto o PDF del comprobante dentro de {{left}}.',
      instructions_account:
        'Para pagar {{total}} por los boletos {{numbers}}, transfiere el monto a:\n{{account}}\nLuego envía aquí una foto o PDF del comprobante dentro de {{left}}.',
    },
    proof: {
      received:
        'Comprobante recibido para los boletos {{numbers}}. Está en revisión: te escribiremos cuando se confirme el pago.',
      duplicate: 'Nota: este comprobante parece uno enviado antes; el equipo lo revisará.',
      ask: 'Envía una foto o PDF de tu comprobante de pago, o escribe "cancelar".',
      none: 'No tienes pedidos esperando pago. Escribe "rifas" para comprar boletos.',
    },
    confirm: {
      none: 'No tienes ningún pedido para confirmar. Escribe "rifas" para elegir tus números.',
    },
    until: { other_day: '{{time}} del {{date}}' },
    cancelled: 'Pedido cancelado; los boletos {{numbers}} fueron liberados.',
    cancelled_in_review:
      'Pedido cancelado; los boletos {{numbers}} fueron liberados. El comprobante que enviaste queda con nuestro equipo: si tu pago nos llegó, te lo devolveremos.',
    expired: 'Tu reserva venció y los boletos fueron liberados. Escribe "rifas" para empezar de nuevo.',
    mine: {
      none: 'Aún no tienes boletos.',
      line: '{{title}}: {{numbers}} — {{status}}',
      status: {
        pending_payment: 'esperando pago',
        in_review: 'comprobante en revisión',
        paid: 'pagado',
        cancelled: 'cancelado',
        refunded: 'reembolsado',
        expired: 'vencido',
      },
    },
    error: {
      tickets_unavailable: 'Lo siento, estos números ya están tomados: {{numbers}}. Elige otros.',
      numbers_invalid:
        'Escribe los números que quieres del {{min}} al {{max}}, cada uno una vez (ej. 5,12,99).',
      numbers_repeated:
        'Escribiste {{numbers}} más de una vez. Cada número se toma una sola vez: escribe tus números de nuevo sin repetir.',
      numbers_outside: 'No están en esta rifa: {{numbers}}. Sus números van del {{min}} al {{max}}.',
      quantity_invalid: 'Puedes tomar de 1 a {{max}} boletos por pedido.',
      buyer_limit_reached: 'Llegaste al límite de {{max}} boletos en esta rifa.',
      pick: 'Escribe números como 5,12,99 o "aleatorio 3".',
      busy: 'Mucha gente está comprando ahora; intenta de nuevo.',
    },
    errors: { raffle: raffleErrorMessages.es },
  },
};
