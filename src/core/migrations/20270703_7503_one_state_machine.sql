-- One state machine for every outgoing message (issue 75, item 2): a retry is no status of its own but
-- `queued` again with its attempt count and a later `next_attempt_at`; `failed` is final everywhere
-- (it was `dead`, while `failed` meant "to be tried again" here and "given up" in a chat's history).
alter table notification drop constraint notification_status_check;

update notification set status = 'queued' where status = 'failed';
update notification set status = 'failed' where status = 'dead';
-- The delivery log speaks the same words: an attempt that failed and will be tried again is a
-- `retry` line, the end a `failed` one.
update notification_event set status = 'retry' where status = 'failed';
update notification_event set status = 'failed' where status = 'dead';

alter table notification add constraint notification_status_check
  check (status in ('queued', 'sending', 'unconfirmed', 'sent', 'failed', 'undeliverable'));

-- The partial indexes named the retry status: rebuilt on the statuses that are still waiting.
drop index notification_pending_idx;
create index notification_pending_idx on notification (org_id, channel, recipient, seq)
  where status in ('queued', 'sending');
drop index notification_due_idx;
create index notification_due_idx on notification (next_attempt_at)
  where status in ('queued', 'sending', 'unconfirmed');
