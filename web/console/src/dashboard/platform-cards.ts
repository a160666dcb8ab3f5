import { lazy } from 'react';
import { registerDashboardCard } from '../extensions/registry.ts';

registerDashboardCard({
  id: 'platform.staff',
  title: 'od.dashboard.staff',
  permission: 'platform.user.read',
  order: 10,
  width: 4,
  component: lazy(() => import('./StaffCard.tsx')),
});

registerDashboardCard({
  id: 'platform.failed-jobs',
  title: 'od.dashboard.jobs_failed',
  permission: 'platform.job.read',
  order: 20,
  width: 4,
  component: lazy(() => import('./FailedJobsCard.tsx')),
});

registerDashboardCard({
  id: 'platform.activity',
  title: 'od.dashboard.activity',
  permission: 'platform.audit.read',
  order: 30,
  width: 12,
  component: lazy(() => import('./ActivityChart.tsx')),
});
