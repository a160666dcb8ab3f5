export { momoArea } from './momo.area.ts';
export {
  type MomoCallbackDelivery,
  type MomoPayerRule,
  type MomoRequestToPay,
  type MomoSandbox,
  type MomoSandboxOptions,
  startMomoSandbox,
} from './sandbox/momo-sandbox.ts';
