/**
 * Tabs of the backup spreadsheet, in the order rows are appended to them: the Sheets driver adds one
 * the spreadsheet lacks, and the settings page names them.
 */
export const SHEETS = ['Registrations', 'Approvals', 'Payments', 'Scans'] as const;
export type SheetName = (typeof SHEETS)[number];
