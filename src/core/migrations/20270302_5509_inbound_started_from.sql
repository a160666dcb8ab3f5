-- Issue 55, item 9: a person's messages are answered at once, in the order the channel gives them; a
-- message that arrives after one the person made later was answered (WhatsApp dates messages to the
-- second and may deliver them out of order) is handled from where the conversation stood when the person
-- wrote it. Each handled message keeps that point: the flow, state, context and pending prompt its step
-- started from. Null on messages handled before, and on held ones.
alter table conversation_message add column started_from jsonb;
