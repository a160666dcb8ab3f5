import { defineArea } from '../../core/modules/index.ts';
import type { RowSink } from '../../core/row-sinks/index.ts';
import { type SheetsConfig, sheetsConfigSchema, sheetsSettingsOf } from './sheets.config.ts';
import { createSheetsSink } from './sheets.sink.ts';

/** Google Sheets: the `sheets` row sink, offered when a service account is configured. */
export const sheetsArea = defineArea<{ sink: RowSink | undefined }, SheetsConfig>({
  name: 'sheets',
  config: sheetsConfigSchema,
  start: (_deps, config) => {
    const settings = sheetsSettingsOf(config);
    return { sink: settings ? createSheetsSink(settings) : undefined };
  },
  rowSinks: ({ sink }) => (sink ? [sink] : []),
});
