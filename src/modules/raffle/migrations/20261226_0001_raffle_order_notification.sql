-- The messages sent to a buyer about an order (issue 26): the order page shows where each stands
-- (sent, or not deliverable and why). The message itself stays in the core outbox, which may
-- remove it after its retention period: no foreign key to it, a missing one is simply not shown.
create table raffle_order_notification (
  org_id uuid not null references organization(id) on delete cascade,
  order_id uuid not null references raffle_order(id) on delete cascade,
  notification_id uuid not null,
  -- the idempotency key the message was queued with (`raffle.order_paid:<order id>`)
  key text not null,
  created_at timestamptz not null,
  primary key (org_id, notification_id)
);
create index raffle_order_notification_order_idx on raffle_order_notification (org_id, order_id, created_at);
