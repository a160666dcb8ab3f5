/**
 * The console kit: the one file of the console a module's `console/` folder imports. It names
 * what a module may build on, so the console can change its insides without breaking modules.
 * The platform's own pages build on the same parts (this folder, below pages/ in the console's
 * folder order: docs/architecture.md); what it re-exports from format/ and api/ stands below it.
 */
export { ApiError, api, fieldHelp } from '../api/http.ts';
export { type LiveMessage, useLiveRefetch, useLiveTopic } from '../api/use-live-topic.ts';
export { useSession } from '../api/use-session.ts';
export { formatDate, formatDateTime, formatMoney, formatTime } from '../format/format.ts';
export { useFormat } from '../format/useFormat.ts';
export { ZonedDateField } from '../format/ZonedDateField.tsx';
/** Every language the server speaks, each named in itself ("Français", "हिन्दी"): a language picker's options. */
export { LOCALES as CONSOLE_LANGUAGES } from '../i18n/console-locales.ts';
export {
  type ConsoleExtension,
  type ConsoleLocale,
  type ConsolePage,
  type DashboardCard,
  defineConsoleExtension,
  type Messages,
  type RecordPanel,
  type RecordPanelProps,
  type TranslationOf,
} from './console-extension.ts';
export { DayRange, type Days } from './DayRange.tsx';
export { HeldNotice } from './held/HeldNotice.tsx';
export { UNDO_MS, UNDO_SECONDS, useHeld } from './held/use-held.ts';
export { type HeldPostOptions, useHeldPost } from './held/use-held-post.ts';
export { MessagesPanel, messagesPanelOf } from './messages/MessagesPanel.tsx';
export { PaymentReviewPanel } from './payments/PaymentReviewPanel.tsx';
export { RefundAmountField, RefundDialog, RefundMethodField } from './payments/RefundDialog.tsx';
export { PaymentRefundPanel } from './payments/RefundPanel.tsx';
export { currencyExponent, typedMajor, typedMinor } from './payments/typed-amount.ts';
export { RecordPanelCard } from './RecordPanelCard.tsx';
export { type Column, type RowData, RowsSection, RowsTable } from './RowsTable.tsx';
export { StatNumber, StatValue } from './StatNumber.tsx';
export { SwitchesCard } from './SwitchesCard.tsx';
export { type Heading, TableHeadings } from './TableHeadings.tsx';
