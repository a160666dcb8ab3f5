-- Issue 30 item 8: prepaid speaks French and Kinyarwanda to its Rwandan customers. The languages a
-- person, a conversation and a queued message may be in grow with `LOCALES` (src/core/i18n/locale.ts).
alter table contact drop constraint contact_preferred_language_check;
alter table contact add constraint contact_preferred_language_check
  check (preferred_language in ('en', 'hi', 'es', 'fr', 'rw'));
alter table notification drop constraint notification_locale_check;
alter table notification add constraint notification_locale_check
  check (locale in ('en', 'hi', 'es', 'fr', 'rw'));
alter table conversation drop constraint conversation_language_check;
alter table conversation add constraint conversation_language_check
  check (language in ('en', 'hi', 'es', 'fr', 'rw'));
