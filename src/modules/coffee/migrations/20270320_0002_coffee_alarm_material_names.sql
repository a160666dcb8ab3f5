-- Material alarms name each material as the organization does (issue 54, item 19): the console's words read
-- `name` beside the machine's code. Old alarms get the name their material has now (its code where none).
update coffee_alarm a set params = jsonb_set(a.params, '{materials}', (
  select coalesce(jsonb_agg(
    case when jsonb_typeof(e->'params') = 'object'
      then jsonb_set(e, '{params,name}', to_jsonb(coalesce(m.name, e->'params'->>'code', '')))
      else e end
    order by x.ord), '[]'::jsonb)
  from jsonb_array_elements(a.params->'materials') with ordinality as x(e, ord)
  left join coffee_material m on m.org_id = a.org_id and m.code = x.e->'params'->>'code'))
where a.kind in ('low_material', 'predicted_empty') and jsonb_typeof(a.params->'materials') = 'array';
