-- A notification as modules see it (public views: see 20261122_0900_payments_public_view.sql):
-- its delivery state, so a module can show "e-mail sent / failed" next to its own record.
-- Not the body, attachments or recipient: those stay with core/notifications.
create view v_notifications_notification as
  select org_id, id, channel, template, status, attempts, created_at, sent_at
  from notification;
