export {
  CHAT_REPLY,
  CHAT_STAFF,
  chatRepliesInsertSql,
  queueChatMessage,
  rewriteChatMessage,
} from './chat-messages.ts';
export { type ChatStatus, recordChatReport } from './chat-report.ts';
export { testMessageTemplate } from './core-templates.ts';
export { deliverNotification } from './deliver-notification.ts';
export { deliverableChannels } from './deliverable-channels.ts';
export { queueDeliveryFallback } from './delivery-fallback.ts';
export {
  type DeliveryReport,
  type DeliveryReportDeps,
  type ReportOutcome,
  type ReportScope,
  recordDeliveryReport,
} from './delivery-report.ts';
export { enqueueNotification, type NotificationInput } from './enqueue-notification.ts';
export { getNotification, listNotifications, type NotificationQuery } from './list-notifications.ts';
export { messageOutcomes, type NotificationOutcomeEvent } from './message-outcome.ts';
export {
  type AttemptClaim,
  type AttemptClaimResult,
  ChannelSendError,
  type ChannelSent,
  type NotificationChannel,
  type OutboundMessage,
} from './notification-channel.ts';
export type { NotificationDetail, NotificationView } from './notification-view.ts';
export { personMessagesQuery, personMessagesSchema } from './notifications.contract.ts';
export { NotificationErrors } from './notifications.errors.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export {
  ATTACHMENT_LIMITS,
  CHANNELS,
  type ChannelName,
  type DeliverySettings,
  LOST_STATUSES,
  type MessageOutcome,
  NOTIFICATION_STATUSES,
  type NotificationStatus,
  normalizeRecipient,
  outcomeOf,
  reasonOfError,
  SETTLED_STATUSES,
  type StoredAttachment,
} from './notifications.rules.ts';
export type { NotificationTables } from './notifications.tables.ts';
export { outboxChannels } from './outbox-channels.ts';
export {
  createOutbox,
  OUTBOX_CONNECTIONS,
  OUTBOX_LANE,
  OUTBOX_LOOP,
  type Outbox,
  type OutboxDispatcherDeps,
} from './outbox-dispatcher.ts';
export { type DeliveryOutcome, mayBeUnseenSql, recordNeverLeft } from './outbox-states.ts';
export { ownNotificationIds, ownProviderMessageIds } from './own-notifications.ts';
export {
  contactMessages,
  messagesToPerson,
  type PersonAddresses,
} from './person-messages.ts';
export { replayNotification } from './replay-notification.ts';
export { resealNotificationSecrets } from './reseal-notification-secrets.ts';
export {
  fitsGsm7,
  fittedToGsm7,
  type SmsEncoding,
  type SmsSegments,
  smsSegments,
  smsValue,
} from './sms-encoding.ts';
export {
  CHAT_MESSAGE_CHARS,
  CUT_MARK,
  cleanStaffText,
  fitTemplateStaffText,
  hasLink,
} from './staff-text.ts';
export { maskText, openTemplateSecrets, SECRET_MASK } from './template-secrets.ts';
export {
  checkedData,
  type DeliveryFallback,
  defineTemplate,
  type ListedTemplate,
  listed,
  type NotificationTemplate,
  renderTemplate,
  type SentAttachment,
} from './templates.ts';
