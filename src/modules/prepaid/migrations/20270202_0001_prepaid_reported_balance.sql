-- Meters that report their balance (issue 41, item 5): what the meter itself said it had left, and
-- when. Alerts and days-left estimates start from it; a meter that never reported one keeps the
-- estimate from units sold minus the register's rise.
alter table prepaid_meter
  add column reported_balance_tenths bigint check (reported_balance_tenths >= 0),
  add column reported_balance_at timestamptz,
  add check ((reported_balance_tenths is null) = (reported_balance_at is null));
alter table prepaid_meter_report
  add column balance_tenths bigint check (balance_tenths >= 0);
