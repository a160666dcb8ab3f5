-- A payment reference is kept as the person typed it (`TRX-NEWCOMER-1`); duplicates are matched on
-- its normalized form (upper-case letters and digits only), now a column of its own.
alter table payment add column external_reference_key text
  check (external_reference_key ~ '^[0-9A-Z]{1,100}$');
update payment set external_reference_key = external_reference where external_reference is not null;
alter table payment drop constraint payment_external_reference_check;
alter table payment add constraint payment_external_reference_check
  check (length(external_reference) between 1 and 100);
drop index payment_external_reference_idx;
create index payment_external_reference_key_idx on payment (org_id, external_reference_key)
  where external_reference_key is not null;
