-- Issue 51: an import repeated while the original keeps running brings the records that changed there.
-- `row_hash` is the hash of the record's fields when it last came over: a record whose fields hash the
-- same is left alone, one that changed in the original is brought again (`update`). Origins of earlier
-- runs have none: their next run records it (and brings the record again where the mapping can).
alter table import_origin add column row_hash text;

-- The operator's answers to a module's questions (the mess original's QR secret), sealed with the
-- deployment's key, from the console's request to the run's job; cleared when the run ends.
alter table import_run add column answers text;

-- A module's compatibility paths answer with the original's ids of what came over: found by target.
create index import_origin_target_idx on import_origin (org_id, module, source_model, target_id);
