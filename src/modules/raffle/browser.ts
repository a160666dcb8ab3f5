/**
 * The raffle module's browser entry: what the console (`web/console`) shares with the server.
 * Browser-safe: nothing here imports `node:*` or the database.
 */
export type { DeliveryJson, MissingTemplateJson } from './order-delivery.contract.ts';
export type {
  GridJson,
  OrderJson,
  RaffleJson,
  RaffleSalesJson,
  RaffleSettings,
  RaffleTodayJson,
  RaffleWinnersJson,
} from './raffle.contract.ts';
export { raffleErrorMessages } from './raffle.errors.catalog.ts';
