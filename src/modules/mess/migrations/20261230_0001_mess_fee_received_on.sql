-- Issue 28 item 4: cash staff record after the fact carries the day it was handed over (the
-- organization's calendar day), shown with the payment on the student's page; proofs leave it null.
alter table mess_fee_payment add column received_on date;
