-- Part refunds of a machine sale (issue 62): a customer paid for a large and got a small, one of two
-- drinks failed. The order keeps what staff refunds gave back of it while it stays sold, so every
-- takings view nets it (total_minor - refunded_minor); it grows when a refund goes ahead (the
-- `coffee.order` refund contract's `started`) and the order becomes `refunded` once all of it is back.
-- A `refunded` order is out of the takings whole, whatever this holds (a failed vend, an order refunded
-- before this column or in the original system keep 0).
alter table coffee_order add column refunded_minor bigint not null default 0
  check (refunded_minor >= 0 and refunded_minor <= total_minor);
