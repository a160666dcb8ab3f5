/**
 * The mess module in the console: its words (English, Hindi, Spanish, French and Kinyarwanda) and its dashboard cards (today's
 * meals, pending approvals, the kitchen forecast, a served/denied chart). Lists, exports and
 * approve/deny come from the generic resource screens. Browser code: it imports the console kit,
 * never the module's server files.
 */
import { lazy } from 'react';
import { defineConsoleExtension, messagesPanelOf } from '../../../../web/console/src/extensions/index.ts';
import { messErrorMessages } from '../browser.ts';
import { messLabelsEn } from './mess.labels.en.ts';
import { messLabelsEs } from './mess.labels.es.ts';
import { messLabelsFr } from './mess.labels.fr.ts';
import { messLabelsHi } from './mess.labels.hi.ts';
import { messLabelsRw } from './mess.labels.rw.ts';

const card = (name: 'TodayCard' | 'PendingCard' | 'ForecastCard' | 'SetupCard') =>
  lazy(() => import('./MessCards.tsx').then((m) => ({ default: m[name] })));

export default defineConsoleExtension({
  name: 'mess',
  messages: {
    en: messLabelsEn,
    hi: messLabelsHi,
    es: messLabelsEs,
    fr: messLabelsFr,
    rw: messLabelsRw,
  },
  errors: messErrorMessages,
  // The mess counts students, serves meals, takes cuts, checks scans, collects dues.
  menu: [
    'mess.students',
    'mess.meals',
    'mess.cuts',
    'mess.scans',
    'mess.conflicts',
    'mess.cycles',
    '/mess/passes',
    '/mess/reports',
    'mess.closures',
    '/mess/settings',
  ],
  pages: [
    {
      path: '/mess/reports',
      label: 'mess.menu.reports',
      permission: 'mess.report.read',
      component: lazy(() => import('./ReportsPage.tsx')),
    },
    {
      path: '/mess/passes',
      label: 'mess.menu.passes',
      permission: 'mess.student.approve',
      component: lazy(() => import('./PassRunPage.tsx')),
    },
    {
      path: '/mess/settings',
      label: 'mess.menu.settings',
      permission: 'mess.setup.read',
      component: lazy(() => import('./MessSettingsPage.tsx')),
    },
  ],
  recordPanels: [
    {
      id: 'mess.student',
      resource: 'mess.students',
      permission: 'mess.student.read',
      // Its Pay back gives a fee's over-payment back (the credit), in the mess's words.
      refunds: ['mess.cycle_fee'],
      component: lazy(() => import('./StudentPanel.tsx')),
    },
    // What was sent to the student on every channel, texts with their parts and cost (issue 65).
    {
      id: 'mess.student-messages',
      resource: 'mess.students',
      permission: 'mess.student.read',
      component: messagesPanelOf((id) => `/api/mess/students/${id}/messages`),
    },
  ],
  cards: [
    {
      id: 'mess.setup',
      title: 'mess.dashboard.setup',
      permission: 'mess.setup.read',
      order: 39,
      width: 4,
      component: card('SetupCard'),
    },
    {
      id: 'mess.today',
      title: 'mess.dashboard.today',
      permission: 'mess.report.read',
      order: 40,
      width: 4,
      component: card('TodayCard'),
    },
    {
      id: 'mess.pending',
      title: 'mess.dashboard.pending',
      permission: 'mess.report.read',
      order: 41,
      width: 4,
      component: card('PendingCard'),
    },
    {
      id: 'mess.forecast',
      title: 'mess.dashboard.forecast',
      permission: 'mess.report.read',
      order: 42,
      width: 4,
      component: card('ForecastCard'),
    },
    {
      id: 'mess.meals-chart',
      title: 'mess.dashboard.chart',
      permission: 'mess.report.read',
      order: 43,
      width: 12,
      component: lazy(() => import('./MealsChart.tsx')),
    },
  ],
});
