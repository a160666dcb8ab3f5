-- Issue 26, item 1: a chat identity (a WhatsApp phone number id, a Telegram bot) belongs to one
-- organization in the whole deployment. The claim is the primary key, so two organizations saving
-- the same number race to one insert and the loser is refused; inbound routing reads the holder
-- from here instead of searching the settings of every organization.
create table org_channel_claim (
  -- the settings path that names the identity: 'whatsapp.phoneNumberId', 'telegram.botToken'
  kind text not null check (kind ~ '^[a-z][a-z0-9]*\.[A-Za-z][A-Za-z0-9_.]*$'),
  -- the identity itself: the number id, the bot's user id (the digits before a token's colon)
  identity text not null check (length(identity) between 1 and 200),
  org_id uuid not null references organization(id) on delete cascade,
  -- 'settings': saved through PATCH /api/org; 'deployment': the default organization's WHATSAPP_* /
  -- TELEGRAM_* configuration, claimed at every start
  source text not null default 'settings' check (source in ('settings', 'deployment')),
  claimed_at timestamptz not null default now(),
  primary key (kind, identity)
);
create index org_channel_claim_org_idx on org_channel_claim (org_id, kind);

-- Identities that several organizations named before claims existed (or that the deployment's
-- configuration gives the default organization while another one's settings name it too). Nobody
-- holds a disputed identity: its inbound messages are refused and each organization in the dispute
-- cannot send through it, until all but one remove it from their settings. Filled at start-up (the
-- bot tokens are sealed, and SQL migrations never see OPSDESK_SECRET_KEY), logged on every start.
create table org_channel_claim_conflict (
  kind text not null,
  identity text not null,
  org_id uuid not null references organization(id) on delete cascade,
  found_at timestamptz not null default now(),
  primary key (kind, identity, org_id)
);
create index org_channel_claim_conflict_org_idx on org_channel_claim_conflict (org_id, kind);
