-- Issue 53: money back. One row per refund of all or part of a settled payment, by cash or through the
-- provider the money came through. What may still be refunded is the payment's amount less every refund
-- that holds money (waiting for approval, queued, sent, unknown or paid back); a failed or rejected one
-- holds none. The use case checks that under the payment's row lock; the trigger below is the last guard,
-- so no race (two staff, two tabs, a retried request, a late callback) ever refunds more than was paid.
create table payment_refund (
  org_id uuid not null references organization(id) on delete cascade,
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- cash: handed back over the counter; momo / airtel: sent back through the provider the money came through
  method text not null check (method in ('cash', 'momo', 'airtel')),
  status text not null check (status in (
    'awaiting_approval', 'pending', 'unknown', 'sent', 'succeeded', 'failed', 'rejected')),
  reason text not null check (length(btrim(reason)) between 1 and 500),
  -- our id of the current attempt at the provider (MoMo's X-Reference-Id); a new one per retry of a failed refund
  provider_reference text check (length(provider_reference) between 1 and 100),
  provider_transaction_id text,
  provider_status text check (length(provider_status) <= 100),
  failure_reason text check (length(failure_reason) between 1 and 500),
  attempt int not null default 1 check (attempt >= 1),
  requested_by jsonb not null,
  -- the person behind the request (a token's owner), so the second person of the two-person rule is another
  requested_by_user uuid,
  approved_by jsonb,
  approved_by_user uuid,
  decided_by jsonb,
  rejection_reason text check (length(rejection_reason) between 1 and 500),
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  check_count int not null default 0,
  next_check_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  approved_at timestamptz,
  sent_at timestamptz,
  succeeded_at timestamptz,
  failed_at timestamptz,
  rejected_at timestamptz,
  unique (org_id, id),
  unique (org_id, idempotency_key),
  constraint payment_refund_payment_fkey foreign key (org_id, payment_id) references payment (org_id, id),
  check (status <> 'rejected' or rejection_reason is not null),
  check (method = 'cash' or status = 'awaiting_approval' or status = 'rejected' or provider_reference is not null),
  check (requested_by_user is null or approved_by_user is null or requested_by_user <> approved_by_user)
);

create index payment_refund_payment_idx on payment_refund (org_id, payment_id);
create index payment_refund_created_idx on payment_refund (org_id, created_at desc, id);
create index payment_refund_due_idx on payment_refund (next_check_at)
  where status in ('pending', 'unknown', 'sent');
create index payment_refund_provider_reference_idx on payment_refund (method, provider_reference)
  where provider_reference is not null;

-- The last guard: refunds holding money never add up to more than the payment. It locks the payment row
-- first, so two transactions adding refunds to one payment take turns, and each sees what the other
-- committed (every statement of a plpgsql function reads a fresh snapshot under READ COMMITTED).
create function payment_refund_within_paid() returns trigger language plpgsql as $$
declare
  paid bigint;
  held bigint;
begin
  if new.status not in ('awaiting_approval', 'pending', 'unknown', 'sent', 'succeeded') then
    return new;
  end if;
  if tg_op = 'UPDATE' and old.status in ('awaiting_approval', 'pending', 'unknown', 'sent', 'succeeded')
     and new.amount_minor <= old.amount_minor then
    return new;
  end if;
  select coalesce(provider_amount_minor, amount_minor) into paid
    from payment where org_id = new.org_id and id = new.payment_id for update;
  select coalesce(sum(amount_minor), 0) into held from payment_refund
    where org_id = new.org_id and payment_id = new.payment_id and id <> new.id
      and status in ('awaiting_approval', 'pending', 'unknown', 'sent', 'succeeded');
  if held + new.amount_minor > paid then
    raise exception 'refunds of payment % would exceed what was paid (% + % > %)',
      new.payment_id, held, new.amount_minor, paid
      using errcode = 'check_violation', constraint = 'payment_refund_within_paid';
  end if;
  return new;
end $$;

create trigger payment_refund_within_paid before insert or update of status, amount_minor on payment_refund
  for each row execute function payment_refund_within_paid();

-- What modules read of refunds in SQL (takings net of refunds): the public view, scoped like a table.
create view v_payments_refund as
  select org_id, id, payment_id, amount_minor, currency, method, status, reason, created_at, succeeded_at
  from payment_refund;
