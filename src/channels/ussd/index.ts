export { ussdArea } from './ussd.area.ts';
export { ussdCallbackKey } from './ussd.routes.ts';
export { USSD_END_STATE } from './ussd.rules.ts';
