import type { CommandReason } from '../browser.ts';

/**
 * What the console says about a command's result: Opsdesk's own reason in the reader's words, or the
 * machine's answer quoted as the machine's (its own words, not translated).
 */
export function commandDetail(
  translate: (key: string, options?: Record<string, unknown>) => string,
  command: { type: string; detail: string | null; reason: CommandReason | null },
): string {
  if (command.reason)
    return translate(`coffee.reason.${command.reason.code}`, {
      model: command.reason.model ?? '',
      command: translate(`coffee.options.${command.type}`),
    });
  return command.detail ? translate('coffee.reason.machine_said', { detail: command.detail }) : '';
}
