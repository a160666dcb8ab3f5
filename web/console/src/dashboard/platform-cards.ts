import { lazy } from 'react';
import { defineConsoleExtension } from '../extensions/console-extension.ts';

/** The platform's dashboard cards; their words are in the console's own catalogs (`od.*`). */
export const platformExtension = defineConsoleExtension({
  name: 'platform',
  messages: { en: {} },
  cards: [
    {
      id: 'platform.staff',
      title: 'od.dashboard.staff',
      permission: 'platform.user.read',
      order: 10,
      width: 4,
      component: lazy(() => import('./StaffCard.tsx')),
    },
    {
      id: 'platform.failed-jobs',
      title: 'od.dashboard.jobs_failed',
      permission: 'platform.job.read',
      order: 20,
      width: 4,
      component: lazy(() => import('./FailedJobsCard.tsx')),
    },
    {
      id: 'platform.activity',
      title: 'od.dashboard.activity',
      permission: 'platform.audit.read',
      order: 30,
      width: 12,
      component: lazy(() => import('./ActivityChart.tsx')),
    },
  ],
});
