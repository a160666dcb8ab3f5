import { defineErrors } from '../../platform/errors/index.ts';

/** Error codes of the exhibition module (`exhibition.bill_already_void`); worded in `exhibition.errors.catalog.ts`. */
export const ExhibitionErrors = defineErrors('exhibition', {
  exhibition_not_found: { status: 404, title: 'No such exhibition' },
  booth_not_found: { status: 404, title: 'No such booth' },
  customer_not_found: { status: 404, title: 'No such customer' },
  bill_not_found: { status: 404, title: 'No such bill' },
  bill_not_voided: {
    status: 409,
    title: 'This bill still asks for all that was paid: void it or reduce it to give money back',
  },
  bill_nothing_to_refund: { status: 409, title: 'No money taken for this bill is left to refund' },
  bill_refund_too_much: { status: 409, title: 'More than may go back for this bill' },
  bill_reduce_invalid: {
    status: 422,
    title: 'An active bill is reduced to a smaller amount above zero (void it to give everything back)',
  },
  bill_refund_options_invalid: {
    status: 422,
    title: 'A bill’s refund options are { bill: "void" } or { bill: "reduce", toMinor }',
  },
  tab_nothing_due: { status: 409, title: 'Nothing is left to pay on this tab' },
  exhibition_invalid: { status: 422, title: 'The exhibition settings are not valid' },
  booth_name_taken: { status: 409, title: 'This exhibition already has a booth with that name' },
  customer_duplicate: { status: 409, title: 'A customer with this e-mail or phone is already registered' },
  customer_code_taken: { status: 409, title: 'Another customer already has this code' },
  customer_no_email: { status: 422, title: 'This customer has no e-mail address' },
  customer_no_phone: { status: 422, title: 'This customer has no phone number' },
  statement_link_invalid: { status: 404, title: 'This statement link does not open a statement' },
  booth_not_assigned: { status: 403, title: 'You may bill only at the booths you are assigned to' },
  booth_of_other_exhibition: { status: 422, title: 'The booth belongs to another exhibition' },
  bill_already_void: { status: 409, title: 'The bill is already void' },
  pass_invalid: { status: 422, title: 'This QR code is not a valid customer pass' },
  customer_merged: { status: 409, title: 'This customer was already merged into another' },
  statement_run_not_found: { status: 404, title: 'No such statement run' },
  merge_invalid: { status: 422, title: 'These two customers cannot be merged' },
  exhibition_closed: { status: 409, title: 'The exhibition is closed: no new bills or registrations' },
  bill_needs_confirmation: {
    status: 422,
    title: 'This amount is above the exhibition’s limit: confirm it to bill',
  },
  bill_not_yours: { status: 403, title: 'At the booth you may void only a bill you made' },
  bill_void_window_passed: {
    status: 409,
    title: 'The 2 minutes to void this bill at the booth have passed; the desk can void it',
  },
  mail_text_invalid: {
    status: 422,
    title: 'The e-mail text names a value this e-mail does not have',
  },
  booth_staff_not_member: {
    status: 422,
    title: 'Only a staff member of this organization can work at a booth',
  },
});
