/**
 * The coffee module's browser entry: what the console (`web/console`) shares with the server.
 * Browser-safe: nothing here imports `node:*` or the database.
 */

export { COMMAND_NAMES } from './coffee.command-names.ts';
export type {
  BatchMachinesJson,
  MachineCommandsJson,
  MachineOverviewJson,
  RolloutReviewJson,
} from './coffee.contract.ts';
export { coffeeErrorMessages } from './coffee.errors.catalog.ts';
export {
  ALARM_KINDS,
  BIN_LEVELS,
  COMMAND_PARAMS,
  COMMAND_TYPES,
  type CommandParam,
  type CommandParamIssue,
  type CommandType,
  commandParamIssues,
} from './coffee.rules.ts';
export type { CoffeeSettingsJson } from './coffee-settings.contract.ts';
export { COMMAND_REASONS, type CommandReason } from './command-reasons.ts';
export type { FleetSummary } from './fleet-summary.contract.ts';
export type { OrderRefundAnswerJson, OrderRefundStateJson } from './order-refunds.contract.ts';
