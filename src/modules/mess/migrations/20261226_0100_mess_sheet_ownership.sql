-- Issue 26, item 6: the backup writes with the deployment's one Google service account, so any
-- spreadsheet shared with it could be named by any organization. An organization's own spreadsheet
-- is used only once it proved it can edit it: its verification code was read back from the sheet.
-- Kept here, not in organization.settings, which PATCH /api/org writes freely.
create table mess_sheet_ownership (
  org_id uuid not null references organization(id) on delete cascade,
  spreadsheet_id text not null check (length(spreadsheet_id) between 1 and 200),
  proven_at timestamptz not null default now(),
  primary key (org_id, spreadsheet_id)
);
