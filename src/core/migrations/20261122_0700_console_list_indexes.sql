-- Indexes behind the console lists of contacts and payments (src/core/resources): full-text
-- search (the exact expression searchIndexSql() prints) and the default sorts/filters.
create index contact_search_idx on contact using gin ((to_tsvector('simple'::regconfig, coalesce(contact.display_name, ''))));
create index payment_search_idx on payment using gin ((to_tsvector('simple'::regconfig,
  coalesce(payment.purpose_id, '') || ' ' || coalesce(payment.external_reference, '') || ' ' || coalesce(payment.payer_msisdn, ''))));
create index payment_org_status_created_idx on payment (org_id, status, created_at desc, id);
