-- Money back, whole (issue 62): a refund carries what its purpose's module was asked to do with the
-- record (a raffle order's numbers released or held, a prepaid purchase's token acknowledged), so a
-- refund that waits for a second person does it only when approved, whichever route asked for it.
alter table payment_refund add column purpose_options jsonb not null default '{}'::jsonb
  check (jsonb_typeof(purpose_options) = 'object');
