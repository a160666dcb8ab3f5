-- What the server tells the operator, as codes the console words in the reader's language (issue 28).
-- An alarm's title keeps its English for API clients; `params` fills the console's sentence for the
-- alarm's kind (alarm-words.ts). A command's `detail` stays what was said (a machine's own answer, or
-- Opsdesk's English); `reason` is set when Opsdesk itself finished or never sent it.
alter table coffee_alarm add column params jsonb;
alter table coffee_command add column reason jsonb;

-- Old rows: what their stored facts can tell; an alarm left without params reads as its kind's name.
update coffee_alarm a set params = jsonb_build_object('serial', d.serial)
from coffee_device d where d.id = a.device_id and a.kind = 'offline';

update coffee_alarm a set params = jsonb_build_object(
  'command', jsonb_build_object('key', 'coffee.options.' || c.type),
  'status', jsonb_build_object('key', 'coffee.options.' || c.status))
from coffee_command c
where a.kind = 'command_failed' and c.id::text = a.context->>'commandId' and c.status in ('failed', 'timed_out');

update coffee_alarm set params = jsonb_build_object('materials', (
  select jsonb_agg(jsonb_build_object(
    'key', case when kind = 'low_material' then 'coffee.alarm_title.bin_' || (b->>'level') else 'coffee.alarm_title.bin_soon' end,
    'params', jsonb_build_object('code', b->>'materialCode')))
  from jsonb_array_elements(context->'bins') b))
where kind in ('low_material', 'predicted_empty') and jsonb_typeof(context->'bins') = 'array';

-- Opsdesk's own words on a command: only a state the machine cannot report (it reports succeeded or failed).
update coffee_command set reason = jsonb_build_object('code', case detail
    when 'no result within the timeout' then 'timed_out'
    when 'not fetched before its TTL' then 'expired'
    when 'batch stopped' then 'batch_stopped'
    when 'batch aborted' then 'batch_aborted'
    when 'machine retired' then 'retired' end)
where status in ('timed_out', 'expired', 'cancelled')
  and detail in ('no result within the timeout', 'not fetched before its TTL', 'batch stopped', 'batch aborted', 'machine retired');

update coffee_command
set reason = jsonb_build_object('code', 'unsupported', 'model', substring(detail from '^model (.+) cannot run \w+$'))
where status = 'unsupported' and detail ~ '^model .+ cannot run \w+$';
