import type { StudentOverview } from '../browser.ts';

/** What `GET /api/mess/students/:id/overview` answers, as the student's page reads it. */
export type Overview = StudentOverview;
export type CycleDuesRow = Overview['dues']['cycles'][number];

export const STATUS_COLOUR: Record<string, 'success' | 'warning' | 'error' | 'default' | 'info'> = {
  approved: 'success',
  pending: 'warning',
  denied: 'error',
  suspended: 'error',
  verified: 'success',
  settled: 'success',
  submitted: 'warning',
  allowed: 'success',
};
