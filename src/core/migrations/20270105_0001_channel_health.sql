-- How each organization's account on a channel is doing (its Telegram bot, its WhatsApp number, the
-- e-mail relay it sends through), where every process sees it: when a send last went out, when one
-- last failed and why, how many failed in a row since the last success, and since when the owner
-- and admins are told that it keeps failing (`alerted_at`; the next success clears it). Written in
-- the statement or transaction that records each send's outcome on the message itself.
create table channel_health (
  org_id uuid not null references organization(id) on delete cascade,
  channel text not null check (channel ~ '^[a-z][a-z0-9_-]{1,30}$'),
  last_success_at timestamptz,
  last_failure_at timestamptz,
  -- { code, message } of the last failure, as the channel worded it
  last_failure jsonb,
  failures_in_row int not null default 0 check (failures_in_row >= 0),
  -- when the current run of failures began (its first failure); null while sends go out
  failing_since timestamptz,
  alerted_at timestamptz,
  primary key (org_id, channel)
);

-- The dashboard counts the replies each channel gave up on. A reply enters this index only when it
-- fails, so the replies that go out (the hot path) write nothing more.
create index conversation_message_failed_idx
  on conversation_message (org_id, channel, status_at) where status = 'failed';
