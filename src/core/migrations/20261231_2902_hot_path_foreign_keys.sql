-- Issue 29, measured on a raffle chat step: each foreign key below cost a KEY SHARE look-up on every
-- insert of the hot path and protects nothing the writes do not already guarantee.
-- A message's conversation is the row written in the same statement (a stored inbound message, a
-- step's replies) or one read under the organization's scope; conversations are never deleted (the
-- retention rules delete messages only), so no cascade is lost.
alter table conversation_message drop constraint conversation_message_org_id_conversation_id_fkey;
-- Audit rows are append-only (a trigger refuses deletes, so a cascade from organization could never
-- run) and carry the organization of the scope that wrote them.
alter table audit_event drop constraint audit_event_org_id_fkey;
