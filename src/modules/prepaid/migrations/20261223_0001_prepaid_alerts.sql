-- Low-balance and unusual-consumption alerts (alerts.ts). Each account chooses its thresholds; a
-- meter has at most one open alert of a kind (the partial unique index), an open alert clears
-- only once the meter is well past its threshold again (hysteresis, alerts.rules.ts).
alter table prepaid_account
  add column alerts_enabled boolean not null default true,
  -- low balance: days left at the recent daily use, or kWh left (tenths), whichever comes first
  add column alert_low_days int not null default 3 check (alert_low_days between 0 and 60),
  add column alert_low_tenths int not null default 50 check (alert_low_tenths between 0 and 100000),
  -- unusual use: the last day above this percentage of the meter's usual daily use
  add column alert_unusual_percent int not null default 200
    check (alert_unusual_percent between 110 and 1000);

create table prepaid_alert (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  meter_id uuid not null references prepaid_meter(id),
  account_id uuid not null references prepaid_account(id),
  kind text not null check (kind in ('low_balance', 'unusual_consumption')),
  -- what the rule saw: balance, days left, daily use, the last day's use (tenths of a kWh)
  facts jsonb not null default '{}',
  -- null when the account has no channel to send to
  notification_id uuid,
  raised_at timestamptz not null,
  cleared_at timestamptz,
  check (cleared_at is null or cleared_at >= raised_at)
);
create unique index prepaid_alert_open_idx on prepaid_alert (org_id, meter_id, kind) where cleared_at is null;
create index prepaid_alert_meter_idx on prepaid_alert (org_id, meter_id, raised_at desc);
create index prepaid_alert_org_idx on prepaid_alert (org_id, raised_at desc);
