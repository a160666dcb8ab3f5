-- Issue 64: the raffle rows a buyer's chat inserts (their buyer row on a first pick, an order on each
-- pick) each paid a KEY SHARE look-up of the organization row. Their org_id is filled in by the org
-- scope from a context made for an organization that exists, and no code path deletes an
-- organization (see core's 20270602_6601_hot_path_org_keys.sql). An order keeps its keys to its raffle
-- and its buyer; tickets are written once with their raffle and only updated by a chat.
alter table raffle_buyer drop constraint raffle_buyer_org_id_fkey;
alter table raffle_order drop constraint raffle_order_org_id_fkey;
