-- Issue 40, item 14: a button press names the message pressed and the button (`<message>:<choice>`:
-- Telegram's callback message and data, WhatsApp's reply context and button id). A second press of the
-- same button on the same message within a few seconds (a double tap, an impatient repeat) is answered
-- once: it is stored, and set aside as `unhandled` with why.
alter table conversation_message add column tap_key text;
-- The earlier presses of one conversation's button; only presses enter it.
create index conversation_message_tap_idx
  on conversation_message (conversation_id, tap_key) where tap_key is not null;
