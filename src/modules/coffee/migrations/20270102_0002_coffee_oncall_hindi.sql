-- On-call people may hear about alarms in Hindi, as the console speaks it (issue 28).
alter table coffee_oncall drop constraint coffee_oncall_language_check;
alter table coffee_oncall add constraint coffee_oncall_language_check check (language in ('en', 'hi', 'es'));
