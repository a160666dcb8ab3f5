-- Console lists at a million rows (issue 20).
-- Trigram search (substrings and typos in names and phone numbers) needs pg_trgm: PostgreSQL ships
-- it in contrib, the embedded PGlite loads it (src/platform/db/embedded.ts). Where it cannot be
-- created the migration goes on without it and `q` matches word prefixes (the tsvector index).
do $$
begin
  create extension if not exists pg_trgm;
exception when others then
  raise notice 'pg_trgm is not available (%): list search matches word prefixes only', sqlerrm;
end
$$;

-- contacts.contacts: every sortable column and filter has an index that starts with org_id and ends
-- with the id (the keyset tiebreak); filters are followed by the default sort (created_at desc).
create index contact_org_name_idx on contact (org_id, display_name, id);
create index contact_org_language_idx on contact (org_id, preferred_language, created_at desc, id);
create index contact_org_marketing_idx on contact (org_id, marketing_opt_in, created_at desc, id);
create index contact_org_transactional_idx on contact (org_id, transactional_opt_in, created_at desc, id);

-- The search document of contacts.contacts with trigrams (trigramIndexSql), when pg_trgm exists.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    execute $ddl$create index contact_trgm_idx on contact using gin ((lower(coalesce(display_name, ''))) gin_trgm_ops)$ddl$;
  end if;
end
$$;
