-- Issue 40, item 12: the replies of a conversation's last step (the prompt the person answers next), so
-- the next message can tell whether they left. When one provably never left (`failed`: refused, or
-- nothing written after every attempt), the flow asks again instead of taking that message as its
-- answer; once (`last_step_repeated`), so a prompt the channel always refuses cannot hold the chat.
-- An `unconfirmed` reply may have reached the person and is not asked again.
alter table conversation add column last_step_replies uuid[] not null default '{}';
alter table conversation add column last_step_repeated boolean not null default false;
