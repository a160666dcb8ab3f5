-- A purchase started in a chat sends its token back to that chat (besides the account's channel).
alter table prepaid_purchase add column reply_channel text check (reply_channel in ('whatsapp', 'telegram'));
alter table prepaid_purchase add column reply_to text check (length(reply_to) <= 200);
alter table prepaid_purchase add constraint prepaid_purchase_reply_check
  check ((reply_channel is null) = (reply_to is null));
