export {
  type AfricasTalkingSandbox,
  type SandboxSms,
  startAfricasTalkingSandbox,
} from './sandbox/africastalking-sandbox.ts';
export { smsCallbackKey } from './sms.accounts.ts';
export { smsArea } from './sms.area.ts';
export { type SmsEncoding, type SmsSegments, smsSegments } from './sms.encoding.ts';
export { ownSmsMessageIds } from './sms-records.ts';
