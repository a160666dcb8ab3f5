-- Issue 51: bills and customers as the original system (the Django exhibition desk) kept them.
-- Its admin took any amount: a bill of 0.00, and negative bills, which its operators used as credits
-- (a refund, a discount, a returned item). An imported bill keeps its signed amount, so a customer's
-- tab (the sum of their bills) equals the original's total to the cent; bills made in Opsdesk stay
-- above zero. Its descriptions had no length limit, and its names were up to 255 characters.
alter table exhibition_bill add column imported boolean not null default false;
alter table exhibition_bill drop constraint exhibition_bill_amount_minor_check;
alter table exhibition_bill add constraint exhibition_bill_amount_minor_check
  check (amount_minor > 0 or imported);
alter table exhibition_bill drop constraint exhibition_bill_description_check;
alter table exhibition_bill add constraint exhibition_bill_description_check
  check (length(description) <= 500 or imported);
alter table exhibition_customer drop constraint exhibition_customer_name_check;
alter table exhibition_customer add constraint exhibition_customer_name_check
  check (length(name) between 1 and 255);
