-- Every outgoing message is one row of the outbox (issue 75, item 1): a bot's reply and a staff member's
-- message join the notifications in `notification`, with their attempts in `notification_attempt`, and
-- `conversation_message` keeps what people sent us. A conversation's history reads both: its inbound rows,
-- and the outbox's rows to its person on its channel (`channel`, `recipient` = the conversation's
-- `external_id`). One sequence numbers both tables, so the history is one order.

-- A chat message as the channel sends it (the flow's output, `storeOutput`), and the file it carries;
-- null on a notification, whose messages are made from `body` and `attachments`.
alter table notification add column payload jsonb;
alter table notification add column attachment bytea;
-- Who wrote it: 'bot' (a flow's reply), a staff member's id, null (the business: a notification).
alter table notification add column sent_by text check (length(sent_by) between 1 and 200);
-- What the channel reported past `sent`: the person's phone got it, or they read it (WhatsApp's ticks).
alter table notification add column reached text check (reached in ('delivered', 'read'));
alter table notification add column reached_at timestamptz;
-- The claim's sender (`outbox_sender`): a claim whose sender stopped is settled within seconds, not at
-- the end of its lease (a bot's answer after a restart must not wait minutes).
alter table notification add column claimed_by uuid;

-- Every chat channel, the ones that answer inline too (USSD, the console's simulator).
alter table notification drop constraint notification_channel_check;
alter table notification add constraint notification_channel_check check (channel ~ '^[a-z][a-z0-9_-]{1,30}$');
alter table notification_attempt drop constraint if exists notification_attempt_channel_check;
alter table notification_attempt add constraint notification_attempt_channel_check
  check (channel ~ '^[a-z][a-z0-9_-]{1,30}$');

-- A conversation's history: the outbox's rows to its person on its channel, in order.
create index notification_person_idx on notification (org_id, channel, recipient, seq);

-- One order for the messages in and out.
create sequence message_seq;
select setval('message_seq', greatest(
  (select coalesce(max(seq), 0) from conversation_message),
  (select coalesce(max(seq), 0) from notification), 1));
alter table conversation_message alter column seq drop identity;
alter table conversation_message alter column seq set default nextval('message_seq');
alter table notification alter column seq drop identity;
alter table notification alter column seq set default nextval('message_seq');
alter sequence message_seq owned by none;

-- The outbound rows move. A chat notification's copy in the history goes: its outbox row is the message,
-- and takes the copy's place in the order.
update notification n set seq = m.seq
from conversation_message m
where m.direction = 'out' and m.payload ? 'notification' and m.org_id = n.org_id
  and n.id::text = m.payload->>'notification';

insert into notification (org_id, id, seq, channel, recipient, template, data, locale, subject, body, attachments,
  status, attempts, last_error, next_attempt_at, provider_message_id, urgent, created_at, sent_at,
  payload, attachment, sent_by, reached, reached_at)
select m.org_id, m.id, m.seq, m.channel, c.external_id,
  case when m.sent_by = 'bot' then 'chat.reply' else 'chat.staff' end,
  '{}', case when c.language in ('en', 'hi', 'es', 'fr', 'rw') then c.language else 'en' end, null,
  left(coalesce(m.payload->>'text', m.payload->>'caption', ''), 8000), '[]',
  case m.status
    when 'queued' then 'queued'
    when 'sending' then 'unconfirmed'
    when 'unconfirmed' then 'unconfirmed'
    when 'superseded' then 'unconfirmed'
    when 'failed' then 'dead'
    else 'sent' end,
  case when m.status in ('queued') then 0 else 1 end,
  case when m.error is not null then left(coalesce(m.error->>'message', m.error::text), 2000) end,
  case when m.status = 'queued' then m.status_at else '9999-12-31'::timestamptz end,
  m.channel_message_id, m.status = 'queued', m.at,
  case when m.status in ('sent', 'delivered', 'read') then m.status_at end,
  m.payload, m.attachment, coalesce(m.sent_by, 'bot'),
  case when m.status in ('delivered', 'read') then m.status end,
  case when m.status in ('delivered', 'read') then m.status_at end
from conversation_message m
join conversation c on c.org_id = m.org_id and c.id = m.conversation_id
where m.direction = 'out' and not (m.payload ? 'notification')
on conflict do nothing;

delete from conversation_message where direction = 'out';
alter table conversation_message add constraint conversation_message_inbound_only check (direction = 'in');
drop index if exists conversation_message_outbound_idx;

-- The processes that send (one row each, seen on every sweep): a claim whose sender has not been seen for
-- a while was cut off with it. Not an organization's data: no org_id.
create table outbox_sender (
  id uuid primary key,
  started_at timestamptz not null,
  seen_at timestamptz not null
);

-- The jobs of the replies' second claim machine, gone with it.
do $$ begin
  if to_regclass('pgboss.job') is not null then
    delete from pgboss.job where name = 'conversations.resend-unconfirmed' and state in ('created', 'retry');
  end if;
  if to_regclass('pgboss.schedule') is not null then
    delete from pgboss.schedule where name = 'conversations.resend-unconfirmed';
  end if;
end $$;
