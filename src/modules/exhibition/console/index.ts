/**
 * The exhibition module in the console: its words (English, Hindi, Spanish, French and Kinyarwanda), the keyboard-first desk screen (with "Take payment"), a bill's money (with "Refund"), the booth dashboard and the statements run page. Customer and bill lists,
 * filters, CSV export/import and the void action come from the generic resource screens the server
 * declares (`exhibition.resources.ts`). Browser code: it imports the console kit, never server files.
 */
import { lazy } from 'react';
import { defineConsoleExtension, messagesPanelOf } from '../../../../web/console/src/extensions/index.ts';
import { exhibitionErrorMessages } from '../browser.ts';
import { exhibitionLabelsEn } from './exhibition.labels.en.ts';
import { exhibitionLabelsEs } from './exhibition.labels.es.ts';
import { exhibitionLabelsFr } from './exhibition.labels.fr.ts';
import { exhibitionLabelsHi } from './exhibition.labels.hi.ts';
import { exhibitionLabelsRw } from './exhibition.labels.rw.ts';

export default defineConsoleExtension({
  name: 'exhibition',
  messages: {
    en: exhibitionLabelsEn,
    hi: exhibitionLabelsHi,
    es: exhibitionLabelsEs,
    fr: exhibitionLabelsFr,
    rw: exhibitionLabelsRw,
  },
  errors: exhibitionErrorMessages,
  // The desk scans and bills.
  menu: [
    '/exhibition/desk',
    'exhibition.customers',
    'exhibition.bills',
    '/exhibition/dashboard',
    '/exhibition/statements',
    '/exhibition/mail-texts',
  ],
  pages: [
    {
      path: '/exhibition/desk',
      label: 'exhibition.menu.desk',
      permission: 'exhibition.customer.find',
      component: lazy(() => import('./DeskPage.tsx')),
    },
    {
      path: '/exhibition/dashboard',
      label: 'exhibition.menu.dashboard',
      permission: 'exhibition.bill.read',
      component: lazy(() => import('./BoothDashboardPage.tsx')),
    },
    {
      path: '/exhibition/statements',
      label: 'exhibition.menu.statements',
      permission: 'exhibition.customer.read',
      component: lazy(() => import('./StatementRunPage.tsx')),
    },
    {
      path: '/exhibition/mail-texts',
      label: 'exhibition.menu.mailTexts',
      permission: 'exhibition.exhibition.manage',
      component: lazy(() => import('./MailTextsPage.tsx')),
    },
  ],
  recordPanels: [
    {
      id: 'exhibition.booths',
      resource: 'exhibition.exhibitions',
      permission: 'exhibition.exhibition.read',
      component: lazy(() => import('./ExhibitionBoothsPanel.tsx')),
    },
    {
      id: 'exhibition.booth-staff',
      resource: 'exhibition.booths',
      permission: 'exhibition.exhibition.manage',
      component: lazy(() => import('./BoothStaffPanel.tsx')),
    },
    {
      id: 'exhibition.customer-pass',
      resource: 'exhibition.customers',
      // The QR it shows is a working pass, and its button sends one: for those who issue passes.
      permission: 'exhibition.customer.register',
      component: lazy(() => import('./CustomerPassPanel.tsx')),
    },
    {
      id: 'exhibition.tab-money',
      resource: 'exhibition.customers',
      permission: 'exhibition.bill.pay',
      component: lazy(() => import('./CustomerTabPanel.tsx')),
    },
    {
      id: 'exhibition.bill-money',
      resource: 'exhibition.bills',
      permission: 'exhibition.bill.read',
      refunds: ['exhibition.bill'],
      component: lazy(() => import('./BillMoneyPanel.tsx')),
    },
    {
      id: 'exhibition.customer-messages',
      resource: 'exhibition.customers',
      permission: 'exhibition.customer.read',
      component: messagesPanelOf(
        (id) => `/api/exhibition/customers/${id}/messages`,
        ['exhibition.customers'],
      ),
    },
    {
      id: 'exhibition.customer-statement',
      resource: 'exhibition.customers',
      permission: 'exhibition.customer.read',
      component: lazy(() => import('./CustomerStatementPanel.tsx')),
    },
  ],
});
