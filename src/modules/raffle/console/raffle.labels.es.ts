import type { TranslationOf } from '../../../../web/console/src/extensions/index.ts';
import type { raffleLabelsEn } from './raffle.labels.en.ts';

/** The raffle module's words in the console, in Spanish (raffle buyers and sellers in Paraguay). */
export const raffleLabelsEs: TranslationOf<typeof raffleLabelsEn> = {
  raffle: {
    menu: {
      raffles: 'Rifas',
      orders: 'Pedidos de rifa',
      tickets: 'Boletos',
      buyers: 'Compradores',
      grid: 'Grilla de boletos',
    },
    fields: {
      id: 'Id',
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
      waId: 'WhatsApp',
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
    options: {
      draft: 'Borrador',
      selling: 'En venta',
      closed: 'Cerrada',
      drawn: 'Sorteada',
      pending_payment: 'Esperando pago',
      paid: 'Pagado',
      cancelled: 'Cancelado',
      expired: 'Reserva vencida',
      available: 'Libre',
      held: 'Reservado',
      sold: 'Vendido',
    },
    actions: { confirm: 'Confirmar pago', deny: 'Rechazar comprobante', cancel: 'Cancelar pedido' },
    grid: { pick: 'Rifa', available: 'libre', held: 'reservado', sold: 'vendido' },
  },
};
