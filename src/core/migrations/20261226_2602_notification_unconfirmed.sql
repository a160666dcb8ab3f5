-- A notification whose send may have reached the person (its answer was lost, a server error, a
-- worker that died mid-send) is `unconfirmed` instead of being sent again blindly: WhatsApp's `sent`
-- status echoing its id settles it, or it is sent again under that id when none came in time;
-- on Telegram it stays for staff to decide (issue 26).
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
  check (status in ('queued', 'sending', 'unconfirmed', 'sent', 'failed', 'dead', 'undeliverable'));
