-- Money back, whole (issue 62): an ops member's refund of a machine sale marked the order refunded at once,
-- so a refund still waiting for a second person, or turned down by them, had already taken the sale out of
-- the takings. A refund now changes its order only when it goes ahead (the `coffee.order` refund contract),
-- so such orders are sold again: no money of theirs went back or is on its way. Orders refunded with no
-- payment (a failed vend, an original's refund, one before issue 53) are left as they are.
update coffee_order o set payment_status = 'paid', refund_reason = null, refunded_at = null
where o.payment_status = 'refunded'
  and exists (
    select 1 from v_payments_payment p
    where p.org_id = o.org_id and p.purpose_type = 'coffee.order' and p.purpose_id = o.id::text)
  and not exists (
    select 1 from v_payments_payment p
    join v_payments_refund r on r.org_id = p.org_id and r.payment_id = p.id
    where p.org_id = o.org_id and p.purpose_type = 'coffee.order' and p.purpose_id = o.id::text
      and r.status in ('pending', 'unknown', 'sent', 'succeeded'));
