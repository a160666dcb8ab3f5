-- A tokenless call names a machine by its serial alone (issue 55, item 2), so a serial switched to legacy mode
-- is held by its organization for the whole deployment: another organization's machine of the same serial can
-- neither lock it out (two in legacy mode reached neither) nor take its calls once its owner switches legacy
-- mode off while the firmware still sends no token. Held from the first switch on until the machine is retired.
alter table coffee_device add column legacy_serial_held_at timestamptz;

-- Where several organizations' machines of one serial are in legacy mode now, the first switched on keeps it.
update coffee_device d set legacy_tokenless_since = null
where d.legacy_tokenless_since is not null and d.retired_at is null
  and exists (
    select 1 from coffee_device o
    where o.serial = d.serial and o.id <> d.id and o.retired_at is null and o.legacy_tokenless_since is not null
      and (o.legacy_tokenless_since, o.id) < (d.legacy_tokenless_since, d.id));

update coffee_device set legacy_serial_held_at = legacy_tokenless_since
where legacy_tokenless_since is not null and retired_at is null;

create unique index coffee_device_legacy_serial_held on coffee_device (serial)
  where legacy_serial_held_at is not null and retired_at is null;
