-- One list of the refund statuses that hold part of their payment (issue 62: it was written in four
-- places). In code it is HOLDING_STATUSES (src/core/payments/refunds/refunds.rules.ts, SQL through
-- refundHoldsMoneySql); in the database this function, which the last guard and any module's view
-- call. A test keeps the two equal. A plain SQL function: the planner inlines it.
create function payment_refund_holds_money(status text) returns boolean
  language sql immutable parallel safe
  as $$ select status in ('awaiting_approval', 'pending', 'unknown', 'sent', 'succeeded') $$;

-- The last guard (20270401_5301), unchanged but for reading the list from the function.
create or replace function payment_refund_within_paid() returns trigger language plpgsql as $$
declare
  paid bigint;
  held bigint;
begin
  if not payment_refund_holds_money(new.status) then
    return new;
  end if;
  if tg_op = 'UPDATE' and payment_refund_holds_money(old.status) and new.amount_minor <= old.amount_minor then
    return new;
  end if;
  select coalesce(provider_amount_minor, amount_minor) into paid
    from payment where org_id = new.org_id and id = new.payment_id for update;
  select coalesce(sum(amount_minor), 0) into held from payment_refund
    where org_id = new.org_id and payment_id = new.payment_id and id <> new.id
      and payment_refund_holds_money(status);
  if held + new.amount_minor > paid then
    raise exception 'refunds of payment % would exceed what was paid (% + % > %)',
      new.payment_id, held, new.amount_minor, paid
      using errcode = 'check_violation', constraint = 'payment_refund_within_paid';
  end if;
  return new;
end $$;
