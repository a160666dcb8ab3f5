-- Issue 29: every message in and out paid a KEY SHARE look-up of its organization row. The
-- (org_id, conversation_id) key to `conversation` already ties each message to a conversation of
-- the same organization, and that conversation to its organization (and cascades deletes through
-- it), so the direct reference protects nothing the composite one does not.
alter table conversation_message drop constraint conversation_message_org_id_fkey;
