-- Monthly statements sent (statements.ts): one row per account and month, written in the same
-- transaction as the message that carries the PDF, so the monthly schedule sends each once.
create table prepaid_statement (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  -- the statement's month in the operator's time zone, `2026-11`
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  notification_id uuid,
  sent_at timestamptz not null,
  unique (org_id, account_id, month)
);
