/**
 * A command's `detail` in the console's words where Opsdesk wrote it (commands.ts, batches.ts,
 * device-retire.ts); anything else is the machine's own answer and is shown as it came.
 */
const SERVER_DETAILS: Record<string, string> = {
  'machine retired': 'coffee.detail.retired',
  'batch aborted': 'coffee.detail.batch_aborted',
  'batch stopped': 'coffee.detail.batch_aborted',
  'not fetched before its TTL': 'coffee.detail.expired',
  'no result within the timeout': 'coffee.detail.timed_out',
};

export function commandDetail(
  translate: (key: string, options?: Record<string, unknown>) => string,
  detail: string | null,
): string {
  if (!detail) return '';
  const known = SERVER_DETAILS[detail];
  if (known) return translate(known);
  const model = /^model (.+) cannot run (\w+)$/.exec(detail);
  if (model)
    return translate('coffee.detail.unsupported', {
      model: model[1],
      command: translate(`coffee.options.${model[2]}`),
    });
  return detail;
}
