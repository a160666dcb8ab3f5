-- Issue 51: what the original (IngufuPay) said of a meter, a payment and a token, kept beside what
-- they became, so a repeated import finds and updates them, the original's API paths answer with its
-- own ids, and nothing the original accepted is lost on the way.

-- A meter as the original had it: its id there, its name, its number as the customer typed it
-- (`0142 300 00`, `1862–8618`; the meter's number is the normalized form) and its balance, sign kept:
-- an admin could set it below zero, a meter that owes.
create table prepaid_imported_meter (
  meter_id uuid primary key references prepaid_meter(id) on delete cascade,
  org_id uuid not null references organization(id) on delete cascade,
  original_id text not null check (length(original_id) between 1 and 100),
  typed_number text not null check (length(typed_number) between 1 and 100),
  name text,
  balance_milli bigint,
  unique (org_id, original_id)
);

-- The original's ids, and its amounts to the cent: `amount_rwf` is a Decimal(12,2), so its amounts
-- are kept in hundredths of the currency (RWF has no minor unit in ISO 4217; 1500.50 stays 1500.50).
alter table prepaid_imported_payment
  add column original_id text check (length(original_id) between 1 and 100),
  add column amount_cents bigint check (amount_cents >= 0);
update prepaid_imported_payment set amount_cents = amount_minor * 100;
alter table prepaid_imported_payment
  alter column amount_cents set not null,
  drop column amount_minor;
create unique index prepaid_imported_payment_original_idx
  on prepaid_imported_payment (org_id, original_id) where original_id is not null;
create index prepaid_imported_payment_account_idx
  on prepaid_imported_payment (org_id, account_id, created_at desc);

alter table prepaid_imported_token add column original_id text check (length(original_id) between 1 and 100);
create unique index prepaid_imported_token_original_idx
  on prepaid_imported_token (org_id, original_id) where original_id is not null;

-- A balance the meter (or the original) gave may be below zero: the meter owes, and the units it is
-- sold next pay that first.
alter table prepaid_meter drop constraint if exists prepaid_meter_reported_balance_tenths_check;
