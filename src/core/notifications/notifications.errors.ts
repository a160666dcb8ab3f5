import { defineErrors } from '../../platform/errors/index.ts';

export const NotificationErrors = defineErrors('notifications', {
  invalid_recipient: { status: 400, title: 'The address does not fit the channel' },
  invalid_attachment: { status: 400, title: 'An attachment is not valid' },
  attachments_too_large: { status: 413, title: 'Attachments are too many or too large for a message' },
  invalid_template_data: { status: 400, title: 'The data does not fit the notification template' },
  notification_not_found: { status: 404, title: 'No such notification' },
  notification_not_replayable: {
    status: 409,
    title: 'Only failed, undeliverable or unconfirmed notifications can be replayed',
  },
  // What a sending job records when its message did not go out (the jobs screen shows it in words).
  send_failed: { status: 502, title: 'The message could not be sent, and will be tried again' },
  send_abandoned: { status: 502, title: 'The message could not be sent, and will not be tried again' },
});
