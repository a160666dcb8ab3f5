-- Issue 40, item 9: a conversation's waiting messages are handled in the order the person made them,
-- not the order they arrived. A channel that numbers what it delivers (Telegram's update_id, one
-- sequence per bot) stores that number here; a gap below a message's number is a message still on
-- its way, which the later one waits for, briefly. Null where the channel only dates its messages
-- (WhatsApp: `at`, the sender's timestamp, orders them) and on messages stored before.
alter table conversation_message add column sequence_no bigint;
-- The gap check reads the numbers just below a message's own; only numbered inbound rows enter it.
create index conversation_message_sequence_idx
  on conversation_message (org_id, channel, sequence_no) where direction = 'in' and sequence_no is not null;
