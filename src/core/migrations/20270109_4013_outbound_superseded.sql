-- Issue 40, item 13: a reply the channel never confirmed is not sent again once a later reply to the
-- same person was confirmed: sent now, it would land after the answer to the person's next message (a
-- menu 62 s after the answer it led to). It is kept, and shown to staff, as 'superseded'.
alter table conversation_message drop constraint conversation_message_status_check;
alter table conversation_message add constraint conversation_message_status_check check (status in (
  'received', 'processed', 'held', 'unhandled',
  'queued', 'sending', 'unconfirmed', 'superseded', 'sent', 'delivered', 'read', 'failed'));
