export { airtelArea } from './airtel.area.ts';
export {
  type AirtelPayment,
  type AirtelSandbox,
  type AirtelSandboxOptions,
  callbackHash,
  startAirtelSandbox,
} from './sandbox/airtel-sandbox.ts';
