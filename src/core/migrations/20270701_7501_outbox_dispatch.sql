-- The outbox is the queue (issue 75): a dispatcher claims due messages straight from this table in
-- batches, instead of a pg-boss job per message. `next_attempt_at` is when a message comes due for
-- any reason: a retry (`queued`/`failed`), the end of its claim's lease (`sending`), the end of its
-- channel's report window (`unconfirmed`); 9999-12-31 when nothing takes it again on its own.
alter table notification add column urgent boolean not null default false;

-- A claim under way when the upgrade stopped its sender: its lease ends three minutes after it.
update notification set next_attempt_at = coalesce(claimed_at, now()) + interval '3 minutes'
where status = 'sending';
-- Unconfirmed on channels that never report what they took: only staff send them again.
update notification set next_attempt_at = '9999-12-31'
where status = 'unconfirmed' and channel in ('telegram', 'sms');

-- What the dispatcher claims and sweeps: every unsettled message, by when it comes due.
create index notification_due_idx on notification (next_attempt_at)
  where status in ('queued', 'failed', 'sending', 'unconfirmed');

-- The sending jobs of messages queued before the upgrade: their rows are the queue now.
do $$ begin
  if to_regclass('pgboss.job') is not null then
    delete from pgboss.job where name = 'notifications.send' and state in ('created', 'retry', 'active');
  end if;
end $$;
