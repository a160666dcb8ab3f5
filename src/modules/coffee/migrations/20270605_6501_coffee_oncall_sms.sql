-- An on-call person may be reached by SMS on their phone, and hear alarms in French or Kinyarwanda
-- too (issue 65: a low-material alarm for a fleet manager away from the console).
alter table coffee_oncall drop constraint coffee_oncall_channel_check;
alter table coffee_oncall add constraint coffee_oncall_channel_check
  check (channel in ('email', 'whatsapp', 'telegram', 'sms'));
alter table coffee_oncall drop constraint coffee_oncall_language_check;
alter table coffee_oncall add constraint coffee_oncall_language_check
  check (language in ('en', 'hi', 'es', 'fr', 'rw'));
