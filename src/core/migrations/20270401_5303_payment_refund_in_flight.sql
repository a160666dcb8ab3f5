-- Issue 53: until when a claimed refund's provider call may still be running (the driver's bounded time
-- for a token and the call, twice over a refused token). Before that a status check leaves an `unknown`
-- refund alone: another process may still be waiting on the provider, and a `not found` then would
-- not mean the provider never got it.
alter table payment_refund add column in_flight_until timestamptz;
