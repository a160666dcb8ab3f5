-- Core public views: what modules may read of core tables in their own SQL. `npm run check:deps`
-- refuses any other core table in a module's SQL (scripts/table-ownership.rules.ts); every view a
-- core migration creates is one, read-only by that rule. A view keeps only the columns the core
-- promises to keep (no payer numbers, provider references or review notes) and carries org_id, so
-- the org scope filters it like a table.
create view payment_summary as
  select org_id, id, purpose_type, purpose_id, method, status, amount_minor, currency, proof_file_id,
    created_at, updated_at
  from payment;
