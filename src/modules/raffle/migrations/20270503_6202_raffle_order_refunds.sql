-- Money back, whole (issue 62): the raffle learns of its orders' refunds through its refund contract
-- (never by reading core's refunds), and keeps what went back of each order's money, so its money
-- views (the raffle's sales, today's money) net refunds, and "mis boletos" tells a refunded order.
-- It grows when a refund goes ahead (the contract's `started`: cash paid, or a provider's on its way).
alter table raffle_order add column refunded_minor bigint not null default 0
  check (refunded_minor >= 0);

-- A call-off run asked by someone above their refund limit: its refunds wait for a second person.
-- `awaiting` of them wait, `rejected` were turned down (the order stays paid), and `asked` names
-- every order whose refund went to approval, so the run never asks for it twice.
alter table raffle_refund_run
  add column awaiting int not null default 0 check (awaiting >= 0),
  add column rejected int not null default 0 check (rejected >= 0),
  add column asked jsonb not null default '[]' check (jsonb_typeof(asked) = 'array');
