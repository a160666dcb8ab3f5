export {
  type AfricasTalkingSandbox,
  type SandboxSms,
  startAfricasTalkingSandbox,
} from './sandbox/africastalking-sandbox.ts';
export { smsArea } from './sms.area.ts';
export { deploymentSmsCallbackUrls, type SmsCallbackUrls } from './sms-callbacks.ts';
export { ownSmsMessageIds } from './sms-records.ts';
