-- A customer's messages (welcome, statement, money returned; e-mail or SMS) in any of the five
-- languages Opsdesk speaks, not English or Spanish only (issue 65: "in the person's language").
alter table exhibition_customer drop constraint exhibition_customer_language_check;
alter table exhibition_customer add constraint exhibition_customer_language_check
  check (language in ('en', 'es', 'fr', 'hi', 'rw'));
