-- A reply is claimed ('sending') before it leaves and recorded 'sent' after: two processes never send
-- the same queued reply, and a process that dies between the two leaves a trace instead of a queued
-- row that a retry would send again. The retry marks such a row 'unconfirmed' (it may have reached
-- the person). A channel that echoes our id in its delivery reports (WhatsApp's
-- biz_opaque_callback_data) turns it into 'sent' with the channel's id; one it never reported did
-- not reach it and is queued again.
alter table conversation_message drop constraint conversation_message_status_check;
alter table conversation_message add constraint conversation_message_status_check check (status in (
  'received', 'processed', 'held', 'unhandled',
  'queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed'));

-- The few replies in between ('sending', 'unconfirmed') are found without reading the history: each
-- run of a conversation's job looks for its own, the minute sweep for all of them.
create index conversation_message_unsettled_idx
  on conversation_message (conversation_id) where status in ('sending', 'unconfirmed');
