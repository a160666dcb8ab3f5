-- Raffle lists at a million tickets (issue 20): sorts across raffles need org_id first and the id
-- last (the keyset tiebreak of deep pages); the primary key starts with the raffle.
create index raffle_ticket_list_number_idx on raffle_ticket (org_id, number, id);
create index raffle_order_list_created_idx on raffle_order (org_id, created_at, id);
create index raffle_order_list_amount_idx on raffle_order (org_id, amount_minor, id);
create index raffle_order_list_expires_idx on raffle_order (org_id, expires_at, id);
create index raffle_ticket_list_status_idx on raffle_ticket (org_id, status, number, id);
