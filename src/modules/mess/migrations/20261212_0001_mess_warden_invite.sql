-- One-time links an owner creates for a warden to open in Telegram (t.me/<bot>?start=<token>).
-- Only the token's sha256 is kept; a link is used once (used_at) and expires (expires_at).
create table mess_warden_invite (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  token_hash text not null,
  note text not null default '' check (length(note) <= 120),
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_telegram_id text,
  used_by_name text,
  unique (org_id, token_hash)
);
create index mess_warden_invite_recent_idx on mess_warden_invite (org_id, created_at desc);
