-- A message that can never go out as addressed (a recipient that does not fit the channel, a channel
-- the organization has not configured) is kept as `undeliverable` with the reason in `last_error`,
-- instead of failing the business change that caused it or filling the outbox with retries.
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
  check (status in ('queued', 'sending', 'sent', 'failed', 'dead', 'undeliverable'));
