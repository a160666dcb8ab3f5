export { batchedRunJob, continueBatchedRun, type RunStep, startBatchedRun } from './batched-run.ts';
export { forEachOrganization, type OrganizationSweep } from './each-organization.ts';
export { listJobs, retryJob } from './job-list.ts';
export { JOB_STATES, type JobState, type JobView } from './jobs.contract.ts';
export { jobsRoutes } from './jobs.routes.ts';
