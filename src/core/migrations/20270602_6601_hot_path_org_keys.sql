-- Issue 64, measured on a raffle chat step at 32 buyers: ~1.1 KEY SHARE look-ups of the organization
-- row per step, one for every insert below (a new person's contact, identity and conversation; a
-- payment and its proof file), each protecting nothing the writes do not already guarantee.
-- An org-owned row's org_id is never written by hand: the org scope (src/platform/db/org-scope.ts)
-- fills it in from the context, and a context is only made for an organization that was read (a
-- session's, an API token's, a channel's claim), so an insert cannot name a missing organization.
-- No code path deletes an organization, so the cascades these keys carried could never run.
-- The keys that tie rows of one organization together (a payment's payer contact and proof file,
-- an identity's contact, a conversation's contact) stay, org_id included: another organization's
-- contact or file is still refused.
alter table contact drop constraint contact_org_id_fkey;
alter table contact_identity drop constraint contact_identity_org_id_fkey;
alter table conversation drop constraint conversation_org_id_fkey;
alter table payment drop constraint payment_org_id_fkey;
alter table file_object drop constraint file_object_org_id_fkey;
