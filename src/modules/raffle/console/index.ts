/**
 * The raffle module in the console: its words (English, Spanish, Hindi), the ticket grid (hold or
 * sell a number for a caller), its settings (the account buyers pay into), the winners of a draw, the raffle page's sales panel and its call-off, the order page's
 * cancel-and-refund, payment and messages to the buyer, and the dashboard's to-do and missing-WhatsApp-templates cards.
 * Lists, filters, exports and the life-cycle actions come from the generic resource screens the
 * server declares (`raffle.resources.ts`). Browser code: it imports the console kit, never the
 * module's server files.
 */
import { lazy } from 'react';
import { defineConsoleExtension } from '../../../../web/console/src/extensions/index.ts';
import { raffleErrorMessages } from '../browser.ts';
import { raffleLabelsEn } from './raffle.labels.en.ts';
import { raffleLabelsEs } from './raffle.labels.es.ts';
import { raffleLabelsFr } from './raffle.labels.fr.ts';
import { raffleLabelsHi } from './raffle.labels.hi.ts';
import { raffleLabelsRw } from './raffle.labels.rw.ts';

export default defineConsoleExtension({
  name: 'raffle',
  messages: {
    en: raffleLabelsEn,
    es: raffleLabelsEs,
    hi: raffleLabelsHi,
    fr: raffleLabelsFr,
    rw: raffleLabelsRw,
  },
  errors: raffleErrorMessages,
  menu: ['raffle.orders', '/raffle/grid', 'raffle.tickets', 'raffle.buyers', 'raffle.raffles'],
  pages: [
    {
      path: '/raffle/grid',
      label: 'raffle.menu.grid',
      permission: 'raffle.ticket.read',
      component: lazy(() => import('./TicketGridPage.tsx')),
    },
    {
      path: '/raffle/settings',
      label: 'raffle.menu.settings',
      permission: 'raffle.raffle.read',
      component: lazy(() => import('./RaffleSettingsPage.tsx')),
    },
  ],
  cards: [
    {
      id: 'raffle.today',
      title: 'raffle.today.title',
      permission: 'raffle.order.read',
      order: 15,
      width: 8,
      component: lazy(() => import('./RaffleTodayCard.tsx')),
    },
    {
      id: 'raffle.whatsapp-templates',
      title: 'raffle.templates.title',
      permission: 'raffle.order.read',
      order: 16,
      width: 4,
      component: lazy(() => import('./WhatsAppTemplatesCard.tsx')),
    },
  ],
  recordPanels: [
    {
      // No account buyers pay into: the raffle's page says buyers are not told where to pay.
      id: 'raffle.account-missing',
      resource: 'raffle.raffles',
      permission: 'raffle.raffle.read',
      component: lazy(() => import('./AccountMissingPanel.tsx')),
    },
    {
      id: 'raffle.winners',
      resource: 'raffle.raffles',
      permission: 'raffle.order.read',
      component: lazy(() => import('./WinnersPanel.tsx')),
    },
    {
      id: 'raffle.pending-orders',
      resource: 'raffle.raffles',
      permission: 'raffle.order.read',
      component: lazy(() => import('./PendingOrdersPanel.tsx')),
    },
    {
      id: 'raffle.sales',
      resource: 'raffle.raffles',
      permission: 'raffle.order.read',
      component: lazy(() => import('./RafflePanel.tsx')),
    },
    {
      id: 'raffle.call-off',
      resource: 'raffle.raffles',
      permission: 'raffle.raffle.read',
      component: lazy(() => import('./CallOffPanel.tsx')),
    },
    {
      id: 'raffle.order-refund',
      resource: 'raffle.orders',
      permission: 'raffle.order.refund',
      refunds: ['raffle.order'],
      component: lazy(() => import('./OrderRefundPanel.tsx')),
    },
    {
      id: 'raffle.order-payment',
      resource: 'raffle.orders',
      permission: 'payments.payment.read',
      component: lazy(() => import('./OrderPaymentPanel.tsx')),
    },
    {
      id: 'raffle.order-delivery',
      resource: 'raffle.orders',
      permission: 'raffle.order.read',
      component: lazy(() => import('./OrderDeliveryPanel.tsx')),
    },
  ],
});
