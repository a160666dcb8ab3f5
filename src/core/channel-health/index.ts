export { accountStates } from './account-states.ts';
export { channelFailingJob } from './channel-health.queue.ts';
export {
  type AccountState,
  type AccountStatus,
  accountStatus,
  FAILURES_BEFORE_ALERT,
  type SendFailure,
  sendFailureOf,
} from './channel-health.rules.ts';
export type { ChannelHealthTables } from './channel-health.tables.ts';
export { recordSendFailure, stampSuccesses } from './record-send-outcomes.ts';
