-- The contacts list sorted by language pages by (language, id): an index in that order lets
-- PostgreSQL read the first page from it instead of sorting every contact (the one on
-- (org_id, preferred_language, created_at desc, id) serves the language filter, not this sort).
create index contact_org_language_sort_idx on contact (org_id, preferred_language, id);
