-- One outbound store (issue 64, item 1): what each send attempt of a notification came to is kept by
-- the outbox itself, for every channel, in one child table of `notification`. The SMS channel no
-- longer keeps a table of its own (`sms_message`): its claim, parts, cost and the network's word are
-- an attempt's columns, and every channel's delivery report finds its attempt by
-- (channel, provider_message_id) in one lookup.
create table notification_attempt (
  -- Tied to its organization through its notification (no key of its own on organization: issue 64).
  org_id uuid not null,
  notification_id uuid not null,
  -- 1, 2, …: the order of the attempts at this message (a replay goes on counting).
  attempt int not null check (attempt >= 1),
  channel text not null check (channel in ('email', 'telegram', 'whatsapp', 'sms')),
  -- The provider and the account it went through (Africa's Talking: its `username`), and the
  -- organization holding that account (its own org_id), or null: the deployment's account. Null on
  -- SMS sent before 20270501_6102, whose account was not recorded, and on channels that name none.
  provider text check (provider ~ '^[a-z][a-z0-9_-]{1,30}$'),
  account text,
  account_org_id uuid,
  -- claimed: the call is being made (written before it: a send that finds a claim without the
  -- provider's id may have reached the person and is never repeated); accepted: the provider took it;
  -- delivered / failed: its report, or a refusal (nothing left: a later attempt may claim again).
  status text not null default 'claimed' check (status in ('claimed', 'accepted', 'delivered', 'failed')),
  provider_message_id text,
  provider_status text,
  failure_reason text,
  -- An SMS's sender, encoding and parts; what the provider charged, as it said it ("RWF 20.0000"),
  -- and in minor units of its currency.
  sender_id text,
  encoding text check (encoding in ('GSM-7', 'UCS-2')),
  segments int check (segments between 1 and 20),
  cost_text text,
  cost_minor bigint,
  cost_currency char(3),
  claimed_at timestamptz not null,
  accepted_at timestamptz,
  reported_at timestamptz,
  primary key (org_id, notification_id, attempt),
  foreign key (org_id, notification_id) references notification (org_id, id) on delete cascade,
  constraint notification_attempt_account_org_check check (account_org_id is null or account_org_id = org_id)
);
-- The report lookup. Not unique: a Telegram message id is unique only within its chat.
create index notification_attempt_report_idx on notification_attempt (channel, provider_message_id)
  where provider_message_id is not null;

-- Every text the SMS channel recorded, as the attempt it was (one row per message there).
insert into notification_attempt (org_id, notification_id, attempt, channel, provider, account,
  account_org_id, status, provider_message_id, provider_status, failure_reason, sender_id, encoding,
  segments, cost_text, cost_minor, cost_currency, claimed_at, accepted_at, reported_at)
select org_id, notification_id, 1, 'sms', provider, account, account_org_id, status, provider_message_id,
  provider_status, failure_reason, sender_id, encoding, segments, cost_text, cost_minor, cost_currency,
  claimed_at, accepted_at, reported_at
from sms_message;

-- The other channels' sent messages, so their reports still find them: their last attempt, with the
-- network's word as the message's events kept it.
insert into notification_attempt (org_id, notification_id, attempt, channel, status, provider_message_id,
  claimed_at, accepted_at, reported_at)
select n.org_id, n.id, greatest(n.attempts, 1), n.channel,
  case
    when n.status = 'dead' and n.last_error like 'not_delivered:%' then 'failed'
    when exists (select 1 from notification_event e
      where e.org_id = n.org_id and e.notification_id = n.id and e.status = 'delivered') then 'delivered'
    else 'accepted'
  end,
  n.provider_message_id, coalesce(n.sent_at, n.created_at), n.sent_at, null
from notification n
where n.channel <> 'sms' and n.provider_message_id is not null;

drop view v_sms_message;
drop table sms_message;
