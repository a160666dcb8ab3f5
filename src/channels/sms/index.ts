export {
  type AfricasTalkingSandbox,
  type SandboxSms,
  startAfricasTalkingSandbox,
} from './sandbox/africastalking-sandbox.ts';
export {
  type AfricasTalkingUssdGateway,
  createAfricasTalkingUssdGateway,
  USSD_SCREEN_CHARACTERS,
  type UssdGatewaySession,
} from './sandbox/africastalking-ussd-sandbox.ts';
export { smsArea } from './sms.area.ts';
export { deploymentSmsCallbackUrls, type SmsCallbackUrls } from './sms-callbacks.ts';
export { ownSmsMessageIds } from './sms-records.ts';
