/**
 * Raffle console extension: the ticket grid page (one cell per number, coloured by status) and the
 * labels of the generated raffle screens. Data: `GET /api/raffle/raffles/:id/tickets/grid`.
 */
import { lazy } from 'react';
import { raffleErrorMessages } from '../../../../src/modules/raffle/browser.ts';
import { registerConsolePage } from '../extensions/registry.ts';
import { registerMessages } from '../i18n/module-messages.ts';
import { asPolyglot } from '../i18n/server-messages.ts';

registerConsolePage({
  path: '/raffle/grid',
  label: 'raffle.menu.grid',
  permission: 'raffle.ticket.read',
  component: lazy(() => import('./raffle-grid.tsx')),
});

const fields = {
  id: 'Id',
  title: 'Title',
  status: 'Status',
  price: 'Price',
  currency: 'Currency',
  minNumber: 'From',
  maxNumber: 'To',
  closesAt: 'Closes',
  commitment: 'Draw commitment',
  createdAt: 'Created',
  raffle: 'Raffle',
  buyer: 'Buyer',
  waId: 'WhatsApp',
  numbers: 'Numbers',
  amount: 'Amount',
  expiresAt: 'Hold until',
  proof: 'Proof',
  refundDue: 'Refund due',
  number: 'Number',
  order: 'Order',
  language: 'Language',
  orders: 'Orders',
};
registerMessages('en', {
  raffle: {
    menu: {
      raffles: 'Raffles',
      orders: 'Raffle orders',
      tickets: 'Tickets',
      buyers: 'Buyers',
      grid: 'Ticket grid',
    },
    fields,
    actions: { confirm: 'Confirm payment', deny: 'Deny proof', cancel: 'Cancel order' },
    grid: { pick: 'Raffle', available: 'available', held: 'held', sold: 'sold' },
  },
});
registerMessages('es', {
  raffle: {
    menu: {
      raffles: 'Rifas',
      orders: 'Pedidos de rifa',
      tickets: 'Boletos',
      buyers: 'Compradores',
      grid: 'Grilla de boletos',
    },
    fields: {
      ...fields,
      title: 'Título',
      status: 'Estado',
      price: 'Precio',
      currency: 'Moneda',
      minNumber: 'Desde',
      maxNumber: 'Hasta',
      closesAt: 'Cierra',
      commitment: 'Compromiso del sorteo',
      createdAt: 'Creado',
      raffle: 'Rifa',
      buyer: 'Comprador',
      numbers: 'Números',
      amount: 'Monto',
      expiresAt: 'Reserva hasta',
      proof: 'Comprobante',
      refundDue: 'Reembolso pendiente',
      number: 'Número',
      order: 'Pedido',
      language: 'Idioma',
      orders: 'Pedidos',
    },
    actions: { confirm: 'Confirmar pago', deny: 'Rechazar comprobante', cancel: 'Cancelar pedido' },
    grid: { pick: 'Rifa', available: 'libre', held: 'reservado', sold: 'vendido' },
  },
});
registerMessages('en', { errors: { raffle: asPolyglot(raffleErrorMessages.en) } });
registerMessages('es', { errors: { raffle: asPolyglot(raffleErrorMessages.es) } });
