-- SMS callbacks and opt-outs by provider account (issue 61 item 2). Africa's Talking calls back one
-- set of URLs per account: an organization with its own account has URLs (and a key) of its own, and
-- the organizations without one share the deployment's. A delivery report settles only a message sent
-- through the account whose URL it came to, and a STOP silences only the sender it answered on that
-- account, never another organization's.

-- The account a text went through: its name with the provider (Africa's Talking `username`), and the
-- organization holding it (its own org_id), or null: the deployment's account. Both null on texts sent
-- before this migration, whose account was not recorded: a report for one still settles it from its
-- organization's URL or the deployment's, when the phone matches, as before.
alter table sms_message add column account text;
alter table sms_message add column account_org_id uuid;
alter table sms_message add constraint sms_message_account_org_check
  check (account_org_id is null or account_org_id = org_id);

-- A phone that answered STOP, by the account it answered (the organization holding it; null: the
-- deployment's) and the sender it answered: the sender id or short code of the incoming message (`to`)
-- or of Africa's Talking's opt-out notice (`senderId`); '' is the account's own default sender (a text
-- sent with no sender id, which a STOP to any sender of the account also holds back). Texts of that
-- account from that sender are held back until the phone answers START on the same account.
alter table sms_opt_out rename to sms_opt_out_before_6102;
create table sms_opt_out (
  account_org_id uuid references organization(id) on delete cascade,
  provider text not null check (provider ~ '^[a-z][a-z0-9_-]{1,30}$'),
  sender text not null check (length(sender) <= 20),
  phone text not null check (phone ~ '^\+[0-9]{6,15}$'),
  opted_out_at timestamptz not null,
  keyword text not null,
  constraint sms_opt_out_scope_key unique nulls not distinct (account_org_id, provider, sender, phone)
);

-- The opt-outs recorded before named only organizations: every one that had texted the phone when it
-- answered STOP to the one URL they shared, whichever sender it answered. Each becomes an opt-out of
-- the senders that organization had texted the phone from, on the account it sends through now (its
-- own when its settings hold a username and key, else the deployment's), so nothing that was held
-- back before is sent now. With none of its texts left (cleaned away), the organization's own sender
-- id, else the account's default sender.
insert into sms_opt_out (account_org_id, provider, sender, phone, opted_out_at, keyword)
select account_org_id, provider, sender, phone, min(opted_out_at), min(keyword)
from (
  select
    case when coalesce(g.settings -> 'sms' ->> 'username', '') <> ''
        and jsonb_typeof(g.settings -> 'sms' -> 'apiKey') in ('object', 'string')
      then o.org_id end as account_org_id,
    coalesce(m.provider, 'africastalking') as provider,
    coalesce(m.sender_id, case when m.org_id is null then g.settings -> 'sms' ->> 'senderId' end, '') as sender,
    o.phone, o.opted_out_at, o.keyword
  from sms_opt_out_before_6102 o
  join organization g on g.id = o.org_id
  left join sms_message m on m.org_id = o.org_id and m.recipient = o.phone
) legacy
group by account_org_id, provider, sender, phone;

drop table sms_opt_out_before_6102;
