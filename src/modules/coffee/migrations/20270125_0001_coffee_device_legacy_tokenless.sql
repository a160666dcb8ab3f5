-- Issue 42: a machine on the original firmware with ENABLE_DEVICE_TOKEN=false sends no token. Its
-- owner may switch it to legacy mode: then only the original's /api/v1 device paths take calls naming
-- it by serial without a token. Null: off (every call needs the machine's token).
alter table coffee_device add column legacy_tokenless_since timestamptz;
create index coffee_device_legacy_serial on coffee_device (serial) where legacy_tokenless_since is not null;
