-- Daily use is measured over a window of at least MIN_USE_WINDOW_HOURS (coffee.rules.ts), not
-- between two successive reports (issue 30: two reports a second apart read as 1.4 t a day). The
-- sample the window starts from is kept here; a refill restarts it.
alter table coffee_bin add column use_since_remaining int check (use_since_remaining >= 0);
alter table coffee_bin add column use_since_at timestamptz;
