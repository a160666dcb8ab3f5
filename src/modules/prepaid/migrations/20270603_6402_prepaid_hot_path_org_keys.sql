-- Issue 64, measured on a prepaid purchase: each of these keys cost a KEY SHARE look-up of the
-- organization row on every insert of the purchase path (a purchase, its token), protecting nothing
-- the writes do not already guarantee, as for the tables of 20261231_2902 and 20270602_6601:
-- an org-owned row's org_id is never written by hand (the org scope, src/platform/db/org-scope.ts,
-- fills it in from a context made only for an organization that was read), and no code path
-- deletes an organization, so the cascades could never run. The keys that tie a purchase and its
-- token to their meter (and the token to its purchase) stay.
alter table prepaid_purchase drop constraint prepaid_purchase_org_id_fkey;
alter table prepaid_token drop constraint prepaid_token_org_id_fkey;
