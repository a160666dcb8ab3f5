export { ussdArea } from './ussd.area.ts';
export { USSD_END_STATE } from './ussd.rules.ts';
export { ussdCallbackUrl } from './ussd-callback.ts';
