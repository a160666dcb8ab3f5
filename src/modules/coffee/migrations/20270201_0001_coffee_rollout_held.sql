-- A rollout holds at its canary (issue 41, item 15): once every canary machine answered, some
-- failures within the abort threshold keep it there until a person continues it or rolls it back.
alter table coffee_rollout drop constraint coffee_rollout_status_check;
alter table coffee_rollout add constraint coffee_rollout_status_check
  check (status in ('canary', 'held', 'rolling', 'completed', 'aborted'));
