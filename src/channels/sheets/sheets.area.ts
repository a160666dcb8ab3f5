import { defineArea } from '../../core/modules/index.ts';
import type { RowSink } from '../../core/row-sinks/index.ts';
import { outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { type SheetsConfig, sheetsConfigSchema, sheetsSettingsOf } from './sheets.config.ts';
import { createSheetsSink } from './sheets.sink.ts';

/** Google Sheets: the `sheets` row sink, offered when a service account is configured. */
export const sheetsArea = defineArea<{ sink: RowSink | undefined }, SheetsConfig>({
  name: 'sheets',
  config: sheetsConfigSchema,
  start: (deps, config) => {
    const settings = sheetsSettingsOf(config);
    const timeoutMs = outsideCallTimeoutMs(deps.config, 'sheets');
    return { sink: settings ? createSheetsSink({ ...settings, timeoutMs }) : undefined };
  },
  rowSinks: ({ sink }) => (sink ? [sink] : []),
});
