-- Contacts are found by phone and e-mail (contacts.contacts searches contact_identity, issue 20).
-- A word many identities contain is tested on each listed contact by its id: the index on contact_id.
create index contact_identity_contact_id_idx on contact_identity (contact_id);

-- A word few identities contain is looked up first: the trigram index of that document
-- (trigramIndexSql), when pg_trgm exists.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    execute $ddl$create index contact_identity_trgm_idx on contact_identity using gin ((lower(coalesce(external_id, ''))) gin_trgm_ops)$ddl$;
  end if;
end
$$;
