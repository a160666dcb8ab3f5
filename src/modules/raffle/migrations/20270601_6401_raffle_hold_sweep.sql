-- Holds run out and are reminded in batches by the one sweep (issue 64, item 3), not by two jobs
-- queued with every reservation: the reservation writes when its reminder is due, the sweep sends
-- the due reminders and marks them, one transaction per batch.
alter table raffle_order
  add column remind_at timestamptz,
  add column reminded_at timestamptz;

-- Orders held before this change had their reminder queued as a job, which no longer runs: their
-- time is written as the reservation would have written it (five minutes, at most a third of the hold).
update raffle_order
   set remind_at = expires_at - least(interval '5 minutes', (expires_at - created_at) / 3)
 where status = 'pending_payment'
   and expires_at - created_at >= interval '3 seconds';

create index raffle_order_remind_due_idx on raffle_order (remind_at)
  where status = 'pending_payment' and reminded_at is null and remind_at is not null;
