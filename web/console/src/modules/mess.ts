/**
 * The mess module in the console: dashboard cards (today's meals, pending approvals, the kitchen
 * forecast, a served/denied chart) and its labels in English and Hindi. Lists, exports and
 * approve/deny come from the generic resource screens.
 */
import { lazy } from 'react';
import { messErrorMessages } from '../../../../src/modules/mess/browser.ts';
import { registerDashboardCard } from '../extensions/registry.ts';
import { registerMessages } from '../i18n/module-messages.ts';
import { asPolyglot } from '../i18n/server-messages.ts';
import { messMessages } from './mess-messages.ts';

registerMessages('en', messMessages.en);
registerMessages('hi', messMessages.hi);
registerMessages('en', { errors: { mess: asPolyglot(messErrorMessages.en) } });
registerMessages('hi', { errors: { mess: asPolyglot(messErrorMessages.hi) } });

registerDashboardCard({
  id: 'mess.today',
  title: 'mess.dashboard.today',
  permission: 'mess.report.read',
  order: 40,
  width: 4,
  component: lazy(() => import('./mess-cards.tsx').then((m) => ({ default: m.TodayCard }))),
});

registerDashboardCard({
  id: 'mess.pending',
  title: 'mess.dashboard.pending',
  permission: 'mess.report.read',
  order: 41,
  width: 4,
  component: lazy(() => import('./mess-cards.tsx').then((m) => ({ default: m.PendingCard }))),
});

registerDashboardCard({
  id: 'mess.forecast',
  title: 'mess.dashboard.forecast',
  permission: 'mess.report.read',
  order: 42,
  width: 4,
  component: lazy(() => import('./mess-cards.tsx').then((m) => ({ default: m.ForecastCard }))),
});

registerDashboardCard({
  id: 'mess.meals-chart',
  title: 'mess.dashboard.chart',
  permission: 'mess.report.read',
  order: 43,
  width: 12,
  component: lazy(() => import('./mess-chart.tsx')),
});
