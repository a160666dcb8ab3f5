-- A chat channel asked us to wait (Telegram's 429 with retry_after, WhatsApp's throughput errors):
-- nothing goes out through that organization's account (recipient = '') or to that one person
-- (recipient = their id on the channel, WhatsApp's pair rate limit) before `until`. Kept in the
-- database so every process honours it; one row per account or pair, moved forward, never stacked.
create table chat_channel_throttle (
  org_id uuid not null references organization(id) on delete cascade,
  channel text not null check (channel ~ '^[a-z][a-z0-9_-]{1,30}$'),
  recipient text not null default '' check (length(recipient) <= 200),
  -- the channel's account that was throttled (Telegram bot id, WhatsApp phone number id)
  account text not null check (length(account) between 1 and 200),
  until timestamptz not null,
  reason text not null check (length(reason) between 1 and 100),
  primary key (org_id, channel, recipient)
);
