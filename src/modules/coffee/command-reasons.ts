/**
 * Why Opsdesk itself finished a command or never sent it (a machine's own answer is its `detail`).
 * The console words each code in the reader's language (issue 28); `detail` keeps the English
 * sentence API clients and scripts have always read. Browser-safe.
 */
export const COMMAND_REASONS = [
  'timed_out',
  'expired',
  'batch_stopped',
  'batch_aborted',
  'retired',
  'unsupported',
] as const;
export type CommandReasonCode = (typeof COMMAND_REASONS)[number];

/** A reason with what its sentence names: the model that cannot run the command. */
export interface CommandReason {
  code: CommandReasonCode;
  model?: string;
}

const DETAIL: Record<Exclude<CommandReasonCode, 'unsupported'>, string> = {
  timed_out: 'no result within the timeout',
  expired: 'not fetched before its TTL',
  batch_stopped: 'batch stopped',
  batch_aborted: 'batch aborted',
  retired: 'machine retired',
};

/** The columns a command Opsdesk finished gets: its reason, and the same in English as its detail. */
export function finishedBecause(reason: CommandReason, commandType?: string) {
  return {
    reason: JSON.stringify(reason),
    detail:
      reason.code === 'unsupported' ? `model ${reason.model} cannot run ${commandType}` : DETAIL[reason.code],
  };
}
