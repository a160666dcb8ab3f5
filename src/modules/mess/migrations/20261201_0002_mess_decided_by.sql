-- Who approved or denied a student last (the actor's label), so a stale card in the bot can say
-- who decided and when.
ALTER TABLE mess_student ADD COLUMN decided_by text;
