export { JOB_STATES, type JobState, type JobView, listJobs, retryJob } from './job-list.ts';
export { jobsRoutes } from './jobs.routes.ts';
