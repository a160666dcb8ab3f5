-- Issue 30 item 8: the token sent back to a chat speaks the language of that chat (the buyer at the
-- keypad), not the account holder's; null for purchases made before, which keep the account's.
alter table prepaid_purchase add column reply_language text check (length(reply_language) <= 15);
