export {
  type AfricasTalkingSandbox,
  type SandboxSms,
  startAfricasTalkingSandbox,
} from './sandbox/africastalking-sandbox.ts';
export { smsCallbackKey } from './sms.accounts.ts';
export { smsArea } from './sms.area.ts';
export { ownSmsMessageIds } from './sms-records.ts';
