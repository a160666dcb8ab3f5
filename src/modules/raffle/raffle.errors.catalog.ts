import type { ErrorMessages } from '../../platform/errors/index.ts';
import { raffleErrorMessagesFr } from './raffle.errors.catalog.fr.ts';
import { raffleErrorMessagesRw } from './raffle.errors.catalog.rw.ts';
import type { RaffleErrors } from './raffle.errors.ts';

type Messages = ErrorMessages<typeof RaffleErrors>;

/**
 * What a buyer in the chat or staff in the console read for each raffle error code, in the
 * languages the raffle speaks; the type makes a new code without a message a compile error.
 */
export const raffleErrorMessages: { en: Messages; es: Messages; hi: Messages; fr: Messages; rw: Messages } = {
  en: {
    raffle_not_found: 'We could not find this raffle.',
    order_not_found: 'We could not find this order.',
    raffle_invalid: 'The raffle settings are not valid.',
    raffle_not_selling: 'This raffle is not selling tickets now.',
    raffle_state_invalid: 'The raffle is not in a state that allows this.',
    raffle_not_deletable:
      'Only a draft raffle nobody ordered from can be deleted; close this one instead once it sells.',
    raffle_pending_orders: 'Some orders are still waiting for payment.',
    numbers_invalid: 'Those ticket numbers are not valid.',
    quantity_invalid: 'That many tickets cannot be ordered at once.',
    buyer_limit_reached: 'You have reached the ticket limit for this raffle.',
    tickets_unavailable: 'Some of those tickets are already taken. Choose others.',
    not_enough_tickets: 'There are not enough free tickets left.',
    live_order_exists: 'There is already an order waiting for payment.',
    order_not_pending: 'This order is no longer waiting for payment.',
    order_not_paid: 'Only a paid order can be refunded.',
    hold_expired: 'The hold on these tickets has expired.',
    proof_not_found: 'This order has no proof of payment to deny.',
  },
  es: {
    raffle_not_found: 'No encontramos esta rifa.',
    order_not_found: 'No encontramos este pedido.',
    raffle_invalid: 'La configuración de la rifa no es válida.',
    raffle_not_selling: 'Esta rifa no está vendiendo boletos ahora.',
    raffle_state_invalid: 'La rifa no está en un estado que permita esto.',
    raffle_not_deletable:
      'Solo se puede borrar una rifa en borrador sin pedidos; si ya vende, ciérrela en su lugar.',
    raffle_pending_orders: 'Hay pedidos que todavía esperan el pago.',
    numbers_invalid: 'Esos números de boleto no son válidos.',
    quantity_invalid: 'No se pueden pedir tantos boletos a la vez.',
    buyer_limit_reached: 'Llegaste al límite de boletos de esta rifa.',
    tickets_unavailable: 'Algunos de esos boletos ya están tomados. Elige otros.',
    not_enough_tickets: 'No quedan suficientes boletos libres.',
    live_order_exists: 'Ya hay un pedido esperando el pago.',
    order_not_pending: 'Este pedido ya no espera el pago.',
    order_not_paid: 'Solo se puede reembolsar un pedido pagado.',
    hold_expired: 'La reserva de estos boletos caducó.',
    proof_not_found: 'Este pedido no tiene comprobante de pago para rechazar.',
  },
  // Hindi for the console's Hindi screens (the raffle's chat speaks Spanish and English).
  hi: {
    raffle_not_found: 'यह रैफ़ल नहीं मिला।',
    order_not_found: 'यह ऑर्डर नहीं मिला।',
    raffle_invalid: 'रैफ़ल की सेटिंग सही नहीं हैं।',
    raffle_not_selling: 'यह रैफ़ल अभी टिकट नहीं बेच रहा है।',
    raffle_state_invalid: 'रैफ़ल ऐसी स्थिति में नहीं है कि यह हो सके।',
    raffle_not_deletable:
      'केवल ड्राफ़्ट रैफ़ल जिसमें कोई ऑर्डर न हो, हटाया जा सकता है; बिक्री शुरू हो चुकी हो तो इसे बंद करें।',
    raffle_pending_orders: 'कुछ ऑर्डर अभी भी भुगतान की प्रतीक्षा में हैं।',
    numbers_invalid: 'ये टिकट नंबर सही नहीं हैं।',
    quantity_invalid: 'एक बार में इतने टिकट ऑर्डर नहीं किए जा सकते।',
    buyer_limit_reached: 'इस रैफ़ल के लिए टिकटों की सीमा पूरी हो गई है।',
    tickets_unavailable: 'इनमें से कुछ टिकट पहले ही ले लिए गए हैं। दूसरे चुनें।',
    not_enough_tickets: 'पर्याप्त खाली टिकट नहीं बचे हैं।',
    live_order_exists: 'एक ऑर्डर पहले से भुगतान की प्रतीक्षा में है।',
    order_not_pending: 'यह ऑर्डर अब भुगतान की प्रतीक्षा में नहीं है।',
    order_not_paid: 'केवल भुगतान किए गए ऑर्डर का पैसा वापस किया जा सकता है।',
    hold_expired: 'इन टिकटों का होल्ड समाप्त हो गया है।',
    proof_not_found: 'इस ऑर्डर में अस्वीकार करने के लिए भुगतान का कोई प्रमाण नहीं है।',
  },
  fr: raffleErrorMessagesFr,
  rw: raffleErrorMessagesRw,
};
