-- Notifications outbox: a message is rendered and stored in the transaction of the business change
-- that causes it, then sent by the `notifications.send` job. What was sent is what is logged.
-- `seq` orders messages to one recipient (created_at ties inside one transaction); `claimed_at`
-- lets a message stuck in `sending` by a killed worker be claimed again.
create table notification (
  org_id uuid not null references organization(id) on delete cascade,
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  channel text not null check (channel in ('email', 'telegram', 'whatsapp')),
  recipient text not null check (length(recipient) between 1 and 320),
  contact_id uuid,
  template text not null check (template ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  data jsonb not null default '{}',
  locale text not null check (locale in ('en', 'hi', 'es')),
  subject text,
  body text not null,
  -- [{filename, contentType, base64}], small inline files only (capped by the enqueue rules)
  attachments jsonb not null default '[]',
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'dead')),
  attempts int not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  claimed_at timestamptz,
  provider_message_id text,
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (org_id, id),
  unique (org_id, idempotency_key),
  foreign key (org_id, contact_id) references contact (org_id, id) on delete set null (contact_id)
);
create index notification_org_created_idx on notification (org_id, created_at desc, seq desc);
create index notification_org_status_idx on notification (org_id, status, created_at desc);
-- the head of each recipient's line, and the last message sent to a recipient (pace)
create index notification_pending_idx on notification (org_id, channel, recipient, seq)
  where status in ('queued', 'sending', 'failed');
create index notification_sent_idx on notification (org_id, channel, recipient, sent_at desc)
  where sent_at is not null;

-- Delivery log: one row per enqueue, attempt, replay and (later) provider status webhook.
create table notification_event (
  id bigint generated always as identity primary key,
  org_id uuid not null references organization(id) on delete cascade,
  notification_id uuid not null,
  at timestamptz not null default now(),
  status text not null check (status ~ '^[a-z][a-z_]{1,30}$'),
  detail jsonb not null default '{}',
  foreign key (org_id, notification_id) references notification (org_id, id) on delete cascade
);
create index notification_event_message_idx on notification_event (org_id, notification_id, id);
