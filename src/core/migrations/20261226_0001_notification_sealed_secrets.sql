-- One-time secrets of a message (a sign-in code, a signed pass) never rest in plain text: the data and
-- the rendered text keep them masked, and the values are sealed here with OPSDESK_SECRET_KEY until the
-- message is sent (or its secrets expire), then erased. See core/notifications/template-secrets.ts.
-- Messages queued before this migration keep what they stored (the key is not available to SQL).
alter table notification add column sealed_secrets text;
alter table notification add column secrets_expire_at timestamptz;
-- Set when the sealed secrets were erased (sent, or expired unsent): such a message is never sent again.
alter table notification add column secrets_erased_at timestamptz;
