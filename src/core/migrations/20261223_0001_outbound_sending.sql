-- A reply is claimed ('sending') before it leaves and recorded 'sent' after: two processes never send
-- the same queued reply, and a process that dies between the two leaves a trace instead of a queued
-- row that a retry would send again. The retry marks such a row 'unconfirmed' (it may have reached
-- the person; it is never sent twice); a channel that echoes our id in its delivery report
-- (WhatsApp's biz_opaque_callback_data) turns it into 'sent' with the channel's id.
alter table conversation_message drop constraint conversation_message_status_check;
alter table conversation_message add constraint conversation_message_status_check check (status in (
  'received', 'processed', 'held', 'unhandled',
  'queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed'));
