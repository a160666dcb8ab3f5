-- Issue 51: what the original (github.com/yulaomao/coffeeNew) accepted comes over whole.
-- Its machines registered with any `device_id` (String(255): `BJ-朝阳-01`, `CM 2002`), a model that
-- may be empty, names and contacts up to 255 characters, material codes in any script (`燕麦粉`):
-- Opsdesk keeps them as they were. A serial still has no control characters and no spaces at its
-- ends; a material code no whitespace (bins and recipes name it).
alter table coffee_device drop constraint coffee_device_serial_check;
alter table coffee_device add constraint coffee_device_serial_check
  check (length(serial) between 1 and 255 and serial !~ '[[:cntrl:]]' and serial = btrim(serial));
alter table coffee_device drop constraint coffee_device_model_check;
alter table coffee_device add constraint coffee_device_model_check check (length(model) <= 100);
alter table coffee_device drop constraint coffee_device_name_check;
alter table coffee_device add constraint coffee_device_name_check check (length(name) <= 255);
alter table coffee_merchant drop constraint coffee_merchant_name_check;
alter table coffee_merchant add constraint coffee_merchant_name_check check (length(name) between 1 and 255);
alter table coffee_merchant drop constraint coffee_merchant_contact_check;
alter table coffee_merchant add constraint coffee_merchant_contact_check check (length(contact) <= 255);
alter table coffee_location drop constraint coffee_location_name_check;
alter table coffee_location add constraint coffee_location_name_check check (length(name) between 1 and 255);
alter table coffee_material drop constraint coffee_material_code_check;
alter table coffee_material add constraint coffee_material_code_check
  check (length(code) between 1 and 100 and code !~ '[[:space:][:cntrl:]]');
alter table coffee_material drop constraint coffee_material_name_check;
alter table coffee_material add constraint coffee_material_name_check check (length(name) between 1 and 255);

-- A recipe of the original that Opsdesk machines cannot run as it is (an action no machine knows, a
-- material no bin holds, switched off there): kept as a draft with the reason in words and the
-- original's JSON, for a person to finish in the recipe editor. `recipe` is what could be
-- translated (null when nothing could).
create table coffee_recipe_draft (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null check (length(name) between 1 and 255),
  version text not null default '' check (length(version) <= 50),
  reason text not null check (length(reason) between 1 and 1000),
  original jsonb,
  recipe jsonb,
  -- the package it became once it could run (a later import, or a person)
  package_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, package_id) references coffee_recipe_package(org_id, id) on delete set null (package_id)
);
create index coffee_recipe_draft_open on coffee_recipe_draft (org_id, created_at) where package_id is null;
