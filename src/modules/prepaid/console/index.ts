/**
 * The prepaid module in the console: its words (English, Hindi, Spanish, French and Kinyarwanda,
 * the console's languages; Rwandan staff read French and Kinyarwanda). Account, meter, tariff and
 * sale lists, forms, exports and the meter status and resend-token actions come from the generic
 * resource screens the server declares (`prepaid.resources.ts`). Browser code: it imports the
 * console kit, never the module's server files. The sales report page draws its own chart; a
 * meter's page adds its commissioning (one-time sheet, meter API token), what it reported, and its
 * sales, readings and alerts; a purchase's page (and an imported one's) its Refund, with the token
 * warning and an Undo. The sales counter sells units, prints receipts and checks tokens; the
 * dashboard shows today's sales and the last two weeks' chart.
 */
import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import { lazy } from 'react';
import { defineConsoleExtension, messagesPanelOf } from '../../../../web/console/src/extensions/index.ts';
import { prepaidErrorMessages } from '../browser.ts';
import { prepaidLabelsEn } from './prepaid.labels.en.ts';
import { prepaidLabelsEs } from './prepaid.labels.es.ts';
import { prepaidLabelsFr } from './prepaid.labels.fr.ts';
import { prepaidLabelsHi } from './prepaid.labels.hi.ts';
import { prepaidLabelsRw } from './prepaid.labels.rw.ts';

export default defineConsoleExtension({
  name: 'prepaid',
  messages: {
    en: prepaidLabelsEn,
    hi: prepaidLabelsHi,
    es: prepaidLabelsEs,
    fr: prepaidLabelsFr,
    rw: prepaidLabelsRw,
  },
  errors: prepaidErrorMessages,
  menu: [
    // The vendor's day is the counter (issue 41): it leads the module's menu.
    '/prepaid/counter',
    '/prepaid/sales',
    'prepaid.purchases',
    'prepaid.accounts',
    'prepaid.meters',
    'prepaid.tokens',
    'prepaid.readings',
    'prepaid.alerts',
    'prepaid.meter_requests',
    'prepaid.flags',
    'prepaid.tariffs',
  ],
  recordPanels: [
    // What was sent to the account's owner, texts with their parts and cost (issue 65).
    {
      id: 'prepaid.account-messages',
      resource: 'prepaid.accounts',
      permission: 'prepaid.meter.read',
      component: messagesPanelOf((id) => `/api/prepaid/accounts/${id}/messages`),
    },
    // Money back on a purchase, Opsdesk's or the original system's (issue 62), with the token warning.
    {
      id: 'prepaid.refund',
      resource: 'prepaid.purchases',
      permission: 'prepaid.purchase.read',
      refunds: ['prepaid.purchase'],
      component: lazy(() => import('./PurchaseRefundPanel.tsx')),
    },
    {
      id: 'prepaid.original-refund',
      resource: 'prepaid.imported_purchases',
      permission: 'prepaid.purchase.read',
      refunds: ['prepaid.original_purchase'],
      component: lazy(() => import('./PurchaseRefundPanel.tsx')),
    },
    {
      id: 'prepaid.statement',
      resource: 'prepaid.accounts',
      permission: 'prepaid.purchase.read',
      component: lazy(() => import('./StatementPanel.tsx')),
    },
    {
      id: 'prepaid.portal-users',
      resource: 'prepaid.accounts',
      permission: 'prepaid.meter.manage',
      component: lazy(() => import('./PortalUsersPanel.tsx')),
    },
    {
      id: 'prepaid.commissioning',
      resource: 'prepaid.meters',
      permission: 'prepaid.meter.manage',
      component: lazy(() => import('./CommissioningPanel.tsx')),
    },
    {
      id: 'prepaid.meter-history',
      resource: 'prepaid.meters',
      permission: 'prepaid.purchase.read',
      component: lazy(() => import('./MeterHistoryPanel.tsx')),
    },
    {
      id: 'prepaid.meter-reports',
      resource: 'prepaid.meters',
      permission: 'prepaid.purchase.read',
      component: lazy(() => import('./MeterReportsPanel.tsx')),
    },
  ],
  cards: [
    {
      id: 'prepaid.sales',
      title: 'prepaid.dashboard.title',
      permission: 'prepaid.purchase.read',
      order: 15,
      width: 8,
      component: lazy(() => import('./SalesCard.tsx')),
    },
  ],
  pages: [
    {
      path: '/prepaid/counter',
      label: 'prepaid.menu.counter',
      icon: PointOfSaleIcon,
      permission: 'prepaid.purchase.create',
      component: lazy(() => import('./CounterPage.tsx')),
    },
    {
      path: '/prepaid/sales',
      label: 'prepaid.menu.sales',
      permission: 'prepaid.purchase.read',
      component: lazy(() => import('./SalesReportPage.tsx')),
    },
  ],
});
