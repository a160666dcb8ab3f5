-- The scan log at a million rows (issue 20): each sortable column of mess.scans and its filters
-- have an index starting with org_id and ending with the id, the keyset tiebreak of deep pages.
create index mess_scan_list_time_idx on mess_scan (org_id, scanned_at, id);
create index mess_scan_list_decision_idx on mess_scan (org_id, decision, scanned_at, id);
create index mess_scan_list_reason_idx on mess_scan (org_id, reason, id);
create index mess_scan_list_device_idx on mess_scan (org_id, device_id, scanned_at);
create index mess_scan_list_window_idx on mess_scan (org_id, window_key, scanned_at);
create index mess_scan_list_conflict_idx on mess_scan (org_id, scanned_at) where conflict;
create index mess_scan_list_offline_idx on mess_scan (org_id, scanned_at) where offline;
create index mess_scan_list_decision_sort_idx on mess_scan (org_id, decision, id);
