export { answerInline } from './answer-inline.ts';
export { answerWaitingMessages } from './answer-waiting-messages.ts';
export type {
  ConversationTarget,
  InboundOrder,
  MessageChannel,
  Recipient,
  SendOptions,
} from './channel.types.ts';
export { sameSecret } from './channel-secrets.rules.ts';
export { chatOutboxChannel, chatOutboxChannels, notificationOutputs } from './chat-outbox-channel.ts';
export type { ConversationView, MessageView } from './conversation-view.ts';
export {
  ConversationsErrors,
  deliveryAmbiguous,
  deliveryRefused,
  deliveryThrottled,
  isAmbiguousDelivery,
  isPermanentDeliveryError,
  type Throttle,
  throttleOf,
} from './conversations.errors.ts';
export { conversationJobs } from './conversations.jobs.ts';
export { CONVERSATION_SCHEDULES, conversationKey } from './conversations.queue.ts';
export { conversationsRoutes } from './conversations.routes.ts';
export {
  type ConversationsRuntime,
  type ConversationsRuntimeDeps,
  createConversationsRuntime,
} from './conversations.runtime.ts';
export type { ConversationsTables } from './conversations.tables.ts';
export { defineFlow } from './define-flow.ts';
export {
  type DeliveryOutlook,
  deliveryOutlooks,
  missingChatTemplates,
  type OutlookDeps,
} from './delivery-outlook.ts';
export { editSentMessages } from './edit-sent-messages.ts';
export type {
  Choice,
  DownloadedMedia,
  EditOutput,
  FlowContext,
  FlowDefinition,
  Input,
  KeywordTable,
  MediaRef,
  OutgoingFile,
  Output,
  StateHandler,
  StateSpec,
  StepResult,
  StoredInput,
} from './flow.types.ts';
export { pauseConversation, releaseConversation } from './handoff.ts';
export type { Arrival, InboundArrivals } from './inbound-arrivals.ts';
export { getConversation, listConversations, listMessages } from './list-conversations.ts';
export { insideServiceWindow } from './outbound.rules.ts';
export { checkOutputs, OUTPUT_LIMITS, outputText } from './output.rules.ts';
export { type InboundMessage, receiveInbound } from './receive-inbound.ts';
export {
  failedBeforeSending,
  notBegunOf,
  REQUEST_NOT_WRITTEN,
  SendNotBegun,
} from './send-failures.rules.ts';
export { sendStaffMessage } from './send-staff-message.ts';
export { type PersonMessage, sendToPerson } from './send-to-person.ts';
export { SIMULATOR_CHANNEL, simulateMessage, simulatorChannel, simulatorHistory } from './simulator.ts';
export { testContactName } from './test-contact-name.ts';
export { byteLength, fitText } from './text-limits.rules.ts';
