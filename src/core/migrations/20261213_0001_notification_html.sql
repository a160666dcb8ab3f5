-- An optional HTML body for e-mail (exhibition's welcome e-mail shows the QR inline with a cid: image).
-- Null for every message before it and for templates that render text only: those go out as before.
alter table notification add column html text;
