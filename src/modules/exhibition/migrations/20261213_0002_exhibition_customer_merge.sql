-- Merging duplicate customers: the duplicate's bills move to the customer kept, its tab is added
-- to theirs, and the duplicate row stays (never deleted) pointing at the one kept, so its code and
-- QR pass still find the right tab.
alter table exhibition_customer
  add column merged_into_id uuid references exhibition_customer(id),
  add column merged_at timestamptz,
  add constraint exhibition_customer_merge_check
    check ((merged_into_id is null) = (merged_at is null) and merged_into_id is distinct from id);
