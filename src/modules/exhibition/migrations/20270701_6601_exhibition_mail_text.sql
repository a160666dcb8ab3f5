-- Issue 66 item 7: the desk edits the subject and body of the organization's exhibition e-mails per
-- language from the console (the original's "customizable templates"); a row is an edit, no row the
-- default words. Placeholders ({{name}}) are checked by the module before a row is written.
create table exhibition_mail_text (
  org_id uuid not null references organization(id) on delete cascade,
  template text not null check (template in ('exhibition.welcome', 'exhibition.statement', 'exhibition.money_returned')),
  locale text not null check (locale in ('en', 'es', 'fr', 'hi', 'rw')),
  subject text not null check (length(subject) between 1 and 300),
  body text not null check (length(body) between 1 and 5000),
  updated_at timestamptz not null default now(),
  primary key (org_id, template, locale)
);
