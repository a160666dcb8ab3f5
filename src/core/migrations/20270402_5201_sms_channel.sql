-- The SMS channel (issue 52): the outbox addresses phones, and the SMS area keeps what each text
-- cost and what the network said of it.
alter table notification drop constraint notification_channel_check;
alter table notification add constraint notification_channel_check
  check (channel in ('email', 'telegram', 'whatsapp', 'sms'));

-- One row per outbox message sent as SMS. It is written before the provider is called (our claim:
-- a send that finds a claim without the provider's id may have reached the phone and is never
-- repeated), and completed with the provider's id, parts and cost after its answer. Delivery
-- reports settle it by (provider, provider_message_id) in one lookup; a report that changes nothing
-- (a repeat, an older state) writes nothing.
create table sms_message (
  org_id uuid not null references organization(id) on delete cascade,
  notification_id uuid not null,
  provider text not null check (provider ~ '^[a-z][a-z0-9_-]{1,30}$'),
  recipient text not null check (recipient ~ '^\+[0-9]{6,15}$'),
  sender_id text,
  encoding text not null check (encoding in ('GSM-7', 'UCS-2')),
  segments int not null check (segments between 1 and 20),
  -- claimed: the call is being made; accepted: the provider took it; delivered / failed: its report
  status text not null default 'claimed' check (status in ('claimed', 'accepted', 'delivered', 'failed')),
  provider_message_id text,
  -- What the provider charged, as it said it ("RWF 20.0000"), and in minor units of its currency.
  cost_text text,
  cost_minor bigint,
  cost_currency char(3),
  provider_status text,
  failure_reason text,
  claimed_at timestamptz not null,
  accepted_at timestamptz,
  reported_at timestamptz,
  primary key (org_id, notification_id),
  foreign key (org_id, notification_id) references notification (org_id, id) on delete cascade
);
create unique index sms_message_provider_id_idx on sms_message (provider, provider_message_id)
  where provider_message_id is not null;
create index sms_message_recipient_idx on sms_message (org_id, recipient, claimed_at desc);

-- Phones that answered STOP to an organization's sender: nothing more is sent to them by SMS until
-- they answer START (the row is removed).
create table sms_opt_out (
  org_id uuid not null references organization(id) on delete cascade,
  phone text not null check (phone ~ '^\+[0-9]{6,15}$'),
  opted_out_at timestamptz not null,
  keyword text not null,
  primary key (org_id, phone)
);

-- An SMS as modules and the console see it beside their records: parts, cost and the network's word.
create view v_sms_message as
  select org_id, notification_id, encoding, segments, status, cost_minor, cost_currency, cost_text,
    failure_reason, claimed_at, accepted_at, reported_at
  from sms_message;
