-- Fraud flags, one row per purchase that raises one (the console lists them; the nightly check
-- reads `token_without_payment`). Each window is relative to the flagged purchase, not to "now", so
-- the view needs no clock:
--   many_payers      the meter was bought for by 3+ different payer phones within 24 hours
--   many_meters      the payer phone bought for 3+ different meters within 24 hours
--   rapid_tokens     the meter got 3+ tokens within 1 hour
--   repeated_failures the payer phone had 3+ failed payments within 24 hours
--   token_without_payment a token whose payment is not settled (must never exist)
create view prepaid_fraud_flag as
with purchase as (
  select p.org_id, p.id, p.meter_id, p.payer_msisdn, p.status, p.created_at, m.number as meter_number,
         pt.created_at as token_at
  from prepaid_purchase p
  join prepaid_meter m on m.id = p.meter_id and m.org_id = p.org_id
  left join prepaid_token pt on pt.purchase_id = p.id and pt.org_id = p.org_id
),
counted as (
  select p.*,
    (select count(distinct q.payer_msisdn) from prepaid_purchase q
      where q.org_id = p.org_id and q.meter_id = p.meter_id and q.payer_msisdn is not null
        and q.created_at > p.created_at - interval '24 hours' and q.created_at <= p.created_at) as payers,
    (select count(distinct q.meter_id) from prepaid_purchase q
      where q.org_id = p.org_id and q.payer_msisdn = p.payer_msisdn
        and q.created_at > p.created_at - interval '24 hours' and q.created_at <= p.created_at) as meters,
    (select count(*) from prepaid_token t
      where t.org_id = p.org_id and t.meter_id = p.meter_id
        and t.created_at > p.token_at - interval '1 hour' and t.created_at <= p.token_at) as tokens,
    (select count(*) from prepaid_purchase q
      where q.org_id = p.org_id and q.payer_msisdn = p.payer_msisdn and q.status = 'failed'
        and q.created_at > p.created_at - interval '24 hours' and q.created_at <= p.created_at) as failures
  from purchase p
)
select md5('many_payers:' || id)::uuid as id, org_id, 'many_payers' as kind, id as purchase_id, meter_id,
       meter_number, payer_msisdn, payers as count, created_at
  from counted where payers >= 3
union all
select md5('many_meters:' || id)::uuid, org_id, 'many_meters', id, meter_id, meter_number, payer_msisdn,
       meters, created_at
  from counted where payer_msisdn is not null and meters >= 3
union all
select md5('rapid_tokens:' || id)::uuid, org_id, 'rapid_tokens', id, meter_id, meter_number, payer_msisdn,
       tokens, created_at
  from counted where token_at is not null and tokens >= 3
union all
select md5('repeated_failures:' || id)::uuid, org_id, 'repeated_failures', id, meter_id, meter_number,
       payer_msisdn, failures, created_at
  from counted where status = 'failed' and failures >= 3
union all
select md5('token_without_payment:' || t.id)::uuid, t.org_id, 'token_without_payment', t.purchase_id,
       t.meter_id, m.number, null, 1, t.created_at
  from prepaid_token t
  join prepaid_meter m on m.id = t.meter_id and m.org_id = t.org_id
  left join v_payments_payment pay on pay.id = t.payment_id and pay.org_id = t.org_id
  where pay.id is null or pay.status not in ('succeeded', 'recorded', 'verified');
