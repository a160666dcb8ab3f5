import { defineErrors } from '../../platform/errors/index.ts';

/** Error codes of the coffee fleet (`coffee.device_not_found`); worded in `coffee.errors.catalog.ts`. */
export const CoffeeErrors = defineErrors('coffee', {
  device_not_found: { status: 404, title: 'No such device' },
  device_exists: { status: 409, title: 'A device with this serial exists' },
  device_token_invalid: { status: 401, title: 'The device token is missing, unknown or revoked' },
  command_not_found: { status: 404, title: 'No such command' },
  command_not_sent: { status: 409, title: 'This command is not waiting for a result' },
  command_unsupported: { status: 422, title: 'The device model cannot run this command' },
  batch_not_found: { status: 404, title: 'No such batch' },
  batch_empty: { status: 422, title: 'No device matches the batch' },
  batch_not_finished: { status: 409, title: 'The batch is still running' },
  alarm_not_found: { status: 404, title: 'No such alarm' },
  alarm_closed: { status: 409, title: 'The alarm is closed' },
  order_not_found: { status: 404, title: 'No such order' },
  order_not_refundable: { status: 409, title: 'This order cannot be refunded' },
  material_unknown: { status: 422, title: 'Unknown material code' },
  merchant_not_found: { status: 404, title: 'No such merchant or location' },
  package_not_found: { status: 404, title: 'No such recipe package' },
  package_conflict: { status: 409, title: 'Another package was created at the same time; try again' },
  rollout_not_found: { status: 404, title: 'No such rollout' },
  rollout_no_previous: { status: 409, title: 'There is no earlier version to roll back to' },
  material_exists: { status: 409, title: 'A material with this code exists' },
  oncall_not_found: { status: 404, title: 'No such on-call person' },
  bin_not_found: { status: 404, title: 'No such bin' },
  bin_thresholds_invalid: { status: 422, title: 'The critical level must be at or below the low level' },
  oncall_exists: { status: 409, title: 'This address is already on call' },
});
