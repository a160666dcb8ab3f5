-- Issue 40, item 7: a scan records what the counter decided (an offline phone's verdict is what the
-- student was told), and the server's own verdict beside it. Where the two differ the scan is a
-- conflict, listed for staff with both verdicts.
alter table mess_scan add column server_decision text check (server_decision in ('allowed', 'denied'));
alter table mess_scan add column server_reason text;
-- Until now the recorded decision was the server's. Rows written since by anything but the scan
-- endpoint (a seed, a benchmark) may leave it empty: read that as the server agreeing.
update mess_scan set server_decision = decision, server_reason = reason;

-- A conflict that is an allowed scan (the counter served a student the server would have refused,
-- such as a second serving of one window on another offline phone) counts as served, but the window
-- belongs to the serving that agreed with the server: one such serving per student and window.
drop index mess_scan_served_uq;
create unique index mess_scan_served_uq on mess_scan (org_id, student_id, window_key)
  where decision = 'allowed' and not conflict;

-- Which side allowed and which refused; a counter may also serve someone the server cannot name.
-- The defaults are the one conflict there was until now: served twice (allowed here, refused there).
alter table mess_scan_conflict add column counter_decision text not null default 'allowed'
  check (counter_decision in ('allowed', 'denied'));
alter table mess_scan_conflict add column server_decision text not null default 'denied'
  check (server_decision in ('allowed', 'denied'));
alter table mess_scan_conflict alter column student_id drop not null;
