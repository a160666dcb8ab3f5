-- Callback keys (issue 61): the gateways that call us back without signing (Africa's Talking's USSD
-- and SMS) find us by a key in the URL. The key is derived from OPSDESK_SECRET_KEY mixed with the
-- organization, the purpose (and the provider account) and this row's generation, so one
-- organization's URL never opens another's, and an owner rotates it by moving the generation on:
-- the old URL is refused from that moment. No row: generation 0.
create table callback_key (
  org_id uuid not null references organization(id) on delete cascade,
  purpose text not null check (purpose ~ '^[a-z][a-z0-9_.-]{1,40}$'),
  generation int not null check (generation > 0),
  rotated_at timestamptz not null,
  primary key (org_id, purpose)
);
