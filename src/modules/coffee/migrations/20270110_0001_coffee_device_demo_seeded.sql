-- A machine the demo seed made (issue 40): the only kind the demo simulator brings to life. It
-- chose machines by their `simulated` tag, which any tenant may set, and took over real machines.
-- Set by the seed alone; no route writes it.
alter table coffee_device add column demo_seeded boolean not null default false;
