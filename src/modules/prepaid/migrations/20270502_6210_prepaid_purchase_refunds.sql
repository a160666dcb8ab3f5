-- Money back, whole (issue 62): a purchase shows the money that went back for it. A refund never
-- changes a purchase's status: its token was issued and keeps working (an OpenPAYGO token cannot be
-- revoked), so its units stay on the meter's balance. What changes, when a refund goes ahead (within
-- the asker's limit, or approved by a second person; never while it waits), is how much of it went
-- back and when; a rejected refund leaves both as they were. (What went back is bounded by core
-- payments, by what the payment took: a payment MTN settled for another amount may differ from the
-- purchase's.)
alter table prepaid_purchase
  add column refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  add column refunded_at timestamptz;

-- A purchase the original system (IngufuPay) sold refunds like a native one: the core payment it is
-- refunded through is made the first time it is asked (history until then, as the import left it),
-- and kept here so a second refund finds the same one. The original's amounts are to the cent;
-- what went back is in the currency's minor units as every refund is.
alter table prepaid_imported_payment
  add column payment_id uuid unique,
  add column refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  add column refunded_at timestamptz;
