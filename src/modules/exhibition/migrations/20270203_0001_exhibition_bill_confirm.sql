-- Issue 41: a bill above the exhibition's limit needs the biller's confirmation (a typed 99,999 is
-- not billed at once). Existing exhibitions get 1,000.00 in a two-digit currency; new ones get
-- 1,000 major units of their currency (exhibitions.ts).
alter table exhibition_exhibition
  add column confirm_above_minor bigint not null default 100000 check (confirm_above_minor > 0);

-- Who made a bill, by account: booth staff may void their own bill for a short while after billing.
-- Null for bills made before this column and for imported bills.
alter table exhibition_bill add column created_by_user_id uuid;
