-- A token's validity (issue 66, item 5; the seed's Token(expiresAt; isValid()) and "token expiry
-- management"): a token is issued valid until `expires_at`, its organization's `tokenValidityDays`
-- (settings.prepaid, 90 by default) after it was issued. An OpenPAYGO meter cannot be told a token
-- expired: the expiry is the vendor's word, said on the token and by the token check (an unused token
-- past it is reported expired, and its money may go back through the purchase's refund). Tokens
-- issued before this have no expiry (null), as they were sold.
alter table prepaid_token add column expires_at timestamptz;
