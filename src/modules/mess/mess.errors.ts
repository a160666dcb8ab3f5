import { defineErrors } from '../../platform/errors/index.ts';

/** Error codes of the mess module (`mess.cut_same_day`); worded in `mess.errors.catalog.ts`. */
export const MessErrors = defineErrors('mess', {
  student_not_found: { status: 404, title: 'No such student' },
  roll_number_taken: { status: 409, title: 'This roll number is already registered' },
  already_registered: { status: 409, title: 'This Telegram account is already registered' },
  status_unchanged: { status: 409, title: 'The student already has this status' },
  transition_refused: { status: 409, title: 'This status change is not allowed' },
  not_approved: { status: 409, title: 'The student is not approved' },
  cycle_not_found: { status: 404, title: 'No such billing cycle' },
  no_current_cycle: { status: 409, title: 'No billing cycle covers today' },
  cycle_range_invalid: { status: 400, title: 'The billing cycle ends before it starts' },
  cycle_overlap: { status: 409, title: 'The billing cycle overlaps another' },
  cycle_billed: { status: 409, title: 'Students were already billed for this cycle' },
  conflict_not_found: { status: 404, title: 'No such scan conflict' },
  conflict_resolved: { status: 409, title: 'The conflict is already resolved' },
  meal_not_found: { status: 404, title: 'No such meal' },
  meal_invalid: { status: 400, title: 'The meal window is not valid' },
  cut_range_invalid: { status: 400, title: 'The mess cut ends before it starts' },
  cut_backdated: { status: 409, title: 'A mess cut cannot start in the past' },
  cut_same_day: { status: 409, title: 'A mess cut cannot start today' },
  cut_after_cutoff: { status: 409, title: "Too late for tomorrow: today's cutoff has passed" },
  cut_too_long: { status: 400, title: 'The mess cut is too long' },
  cut_cap_exceeded: { status: 409, title: 'Too many mess-cut days in this billing cycle' },
  cut_not_found: { status: 404, title: 'No such mess cut' },
  cut_locked: { status: 409, title: 'The kitchen has already planned for these days' },
  nothing_due: { status: 409, title: 'Nothing is due for this billing cycle' },
  sheet_not_proven: {
    status: 409,
    title: "The spreadsheet does not show this organization's verification code",
  },
  sheets_not_configured: { status: 409, title: 'Google Sheets is not set up on this deployment' },
});
