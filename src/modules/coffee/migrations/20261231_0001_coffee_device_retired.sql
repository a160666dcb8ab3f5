-- A machine taken out of the fleet for good (issue 28): its token is gone, it is left out of batches,
-- rollouts, offline alarms and the dashboard's machine counts; its history stays.
alter table coffee_device add column retired_at timestamptz;
