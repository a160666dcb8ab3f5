-- Conversations: one chat state machine per (organization, channel, person on that channel).
-- `version` is bumped by every write so a flow step commits only over the state it read
-- (steps run outside transactions: a slow step must not hold the database).
create table conversation (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  channel text not null check (channel ~ '^[a-z][a-z0-9_-]{1,30}$'),
  external_id text not null check (length(external_id) between 1 and 200),
  contact_id uuid,
  display_name text,
  -- null until the first message is processed
  flow text,
  state text,
  context jsonb not null default '{}',
  -- a question the engine itself asked (`language`), answered before the flow sees input
  pending_prompt text,
  -- null: not chosen; the contact's or the organization's language is used
  language text check (language in ('en', 'hi', 'es')),
  version int not null default 0,
  -- staff took over: inbound is stored but the bot does not answer
  paused_at timestamptz,
  paused_by text,
  -- the person's last message as the channel dated it (WhatsApp's 24-hour window starts there)
  last_inbound_at timestamptz,
  -- the last message the flow acted on (idle timeout)
  last_activity_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, channel, external_id),
  unique (org_id, id),
  foreign key (org_id, contact_id) references contact (org_id, id)
);
create index conversation_org_recent_idx on conversation (org_id, updated_at desc, id);
create index conversation_contact_idx on conversation (org_id, contact_id) where contact_id is not null;

-- Every message in and out, in order (`seq`). Inbound rows are deduplicated by the channel's own id
-- (WhatsApp wamid, Telegram update id); outbound rows carry the id the channel gave on send, which
-- status webhooks refer to.
create table conversation_message (
  seq bigint generated always as identity primary key,
  id uuid not null unique default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  conversation_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  channel text not null,
  channel_message_id text,
  payload jsonb not null,
  -- outbound media bytes, kept until sent (and for replay); never large: the flow sends receipts and passes
  attachment bytea,
  raw jsonb,
  status text not null check (status in (
    'received', 'processed', 'held', 'unhandled',
    'queued', 'sent', 'delivered', 'read', 'failed')),
  error jsonb,
  sent_by text,
  at timestamptz not null default now(),
  status_at timestamptz not null default now(),
  foreign key (org_id, conversation_id) references conversation (org_id, id) on delete cascade
);
create unique index conversation_message_inbound_key
  on conversation_message (org_id, channel, channel_message_id) where direction = 'in';
create index conversation_message_outbound_idx
  on conversation_message (org_id, channel, channel_message_id) where direction = 'out';
create index conversation_message_conversation_idx on conversation_message (conversation_id, seq);
create index conversation_message_pending_idx
  on conversation_message (conversation_id, seq) where status in ('received', 'queued');
