-- The core's public views: what a module's SQL may read of a core area (docs/architecture.md,
-- "Public views"). Modules name only their own tables and `v_<area>_<thing>` views, so a core
-- table can change without breaking them. The columns are a contract: add freely; renaming or
-- dropping one needs a new view. Every view carries org_id and is scoped like a table.

-- A payment as modules see it: what it is for, how it stands, and its proof (for a console link).
-- Not the payer's number, provider ids, reasons or who decided: those stay with core/payments.
create view v_payments_payment as
  select org_id, id, purpose_type, purpose_id, method, status, amount_minor, currency,
         proof_file_id, created_at, updated_at
  from payment;
