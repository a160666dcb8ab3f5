-- Issue 53: a called-off raffle refunds every paid order in one run. The run is the progress staff
-- watch (how many orders, how many refunded, which failed and why); one run per raffle.
create table raffle_refund_run (
  org_id uuid not null references organization(id) on delete cascade,
  id uuid primary key default gen_random_uuid(),
  raffle_id uuid not null,
  reason text not null check (length(btrim(reason)) between 1 and 500),
  -- what becomes of the refunded orders' numbers: back on sale, or held off sale
  tickets text not null check (tickets in ('release', 'hold')),
  status text not null check (status in ('running', 'done')),
  total int not null default 0 check (total >= 0),
  refunded int not null default 0 check (refunded >= 0),
  failed int not null default 0 check (failed >= 0),
  -- [{ orderId, code }] of the orders that could not be refunded
  failures jsonb not null default '[]',
  started_by jsonb not null,
  started_by_user uuid,
  started_by_role text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  finished_at timestamptz,
  unique (org_id, id),
  unique (org_id, raffle_id),
  constraint raffle_refund_run_raffle_fkey foreign key (org_id, raffle_id) references raffle_raffle (org_id, id)
);
