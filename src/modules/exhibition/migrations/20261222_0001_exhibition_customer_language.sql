-- The customer's language (their welcome and statement e-mails are written in it), and how they
-- were registered: at the desk, or pre-registered from a CSV import (the import's welcome e-mails
-- have their own progress view).
alter table exhibition_customer
  add column language text not null default 'en' check (language in ('en', 'es')),
  add column registered_via text not null default 'desk' check (registered_via in ('desk', 'import'));
create index exhibition_customer_imported_idx on exhibition_customer (org_id, exhibition_id)
  where registered_via = 'import';
