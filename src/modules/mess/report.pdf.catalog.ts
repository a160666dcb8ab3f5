import type { PassRefusalReason } from '../../core/passes/index.ts';
import type { RuleDenial } from './mess.rules.ts';

/** The words of the mess PDF report, in the languages of the mess console (English and Hindi). */
export interface ReportWords {
  title: string;
  range: string;
  mealsHeading: string;
  legend: string;
  date: string;
  meal: string;
  served: string;
  denied: string;
  denialsHeading: string;
  reason: string;
  scans: string;
  paymentsHeading: string;
  cycle: string;
  paid: string;
  studentsPaid: string;
  cutsHeading: string;
  cutsInRange: string;
  studentsOnCut: string;
  pending: string;
  decided: string;
  avgHours: string;
  forecastHeading: string;
  eligible: string;
  expected: string;
  /** Every reason a scan is refused for, a pass's own (`pass_bad_signature`) included (issue 54 item 5). */
  reasons: Record<RuleDenial | 'unknown_student' | 'no_code' | `pass_${PassRefusalReason}`, string>;
}

export const REPORT_LANGUAGES = ['en', 'hi'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const reportWords: Record<ReportLanguage, ReportWords> = {
  en: {
    title: '{org}: mess report',
    range: '{from} to {to} ({zone})',
    mealsHeading: 'Meals served and denied per day',
    legend: 'green: served, red: denied',
    date: 'Date',
    meal: 'Meal',
    served: 'Served',
    denied: 'Denied',
    denialsHeading: 'Why scans were denied',
    reason: 'Reason',
    scans: 'Scans',
    paymentsHeading: 'Payments per billing cycle',
    cycle: 'Cycle',
    paid: 'Paid',
    studentsPaid: 'Students paid',
    cutsHeading: 'Mess cuts and approvals',
    cutsInRange: 'Cuts in range',
    studentsOnCut: 'Students on cut',
    pending: 'Pending registrations',
    decided: 'Decided',
    avgHours: 'Average hours to decide',
    forecastHeading: 'Headcount forecast',
    eligible: 'Eligible',
    expected: 'Expected',
    reasons: {
      suspended: 'Suspended',
      not_approved: 'Not approved',
      no_billing_cycle: 'No billing cycle',
      payment_due: 'Fee due',
      mess_cut: 'On mess cut',
      mess_closed: 'Mess closed',
      outside_meal_window: 'Outside meal time',
      already_served: 'Already served',
      unknown_student: 'Unknown student',
      no_code: 'No code',
      pass_malformed: 'Not a meal pass',
      pass_truncated: 'Pass cut off',
      pass_unsupported_version: 'Pass of an unknown kind',
      pass_unknown_key: 'Pass from another mess or an old key',
      pass_bad_signature: 'Forged or altered pass',
      pass_expired: 'Pass expired',
      pass_revoked: 'Pass replaced by a newer one',
      pass_not_yet_valid: 'Pass not valid yet',
    },
  },
  hi: {
    title: '{org}: मेस रिपोर्ट',
    range: '{from} से {to} ({zone})',
    mealsHeading: 'प्रतिदिन परोसे और अस्वीकृत भोजन',
    legend: 'हरा: परोसा गया, लाल: अस्वीकृत',
    date: 'तारीख',
    meal: 'भोजन',
    served: 'परोसे',
    denied: 'अस्वीकृत',
    denialsHeading: 'स्कैन क्यों अस्वीकृत हुए',
    reason: 'कारण',
    scans: 'स्कैन',
    paymentsHeading: 'बिलिंग चक्र के अनुसार भुगतान',
    cycle: 'चक्र',
    paid: 'भुगतान',
    studentsPaid: 'भुगतान करने वाले छात्र',
    cutsHeading: 'मेस कट और स्वीकृतियाँ',
    cutsInRange: 'अवधि में कट',
    studentsOnCut: 'कट पर छात्र',
    pending: 'लंबित पंजीकरण',
    decided: 'निर्णय हुए',
    avgHours: 'निर्णय में औसत घंटे',
    forecastHeading: 'भोजन संख्या का अनुमान',
    eligible: 'पात्र',
    expected: 'अपेक्षित',
    reasons: {
      suspended: 'निलंबित',
      not_approved: 'स्वीकृत नहीं',
      no_billing_cycle: 'कोई बिलिंग चक्र नहीं',
      payment_due: 'शुल्क बकाया',
      mess_cut: 'मेस कट पर',
      mess_closed: 'मेस बंद',
      outside_meal_window: 'भोजन का समय नहीं',
      already_served: 'पहले ही परोसा गया',
      unknown_student: 'अज्ञात छात्र',
      no_code: 'कोड नहीं',
      pass_malformed: 'यह भोजन पास नहीं है',
      pass_truncated: 'पास अधूरा पढ़ा गया',
      pass_unsupported_version: 'अज्ञात प्रकार का पास',
      pass_unknown_key: 'दूसरे मेस का या पुरानी कुंजी का पास',
      pass_bad_signature: 'नकली या बदला हुआ पास',
      pass_expired: 'पास की अवधि समाप्त',
      pass_revoked: 'पास की जगह नया पास जारी हुआ',
      pass_not_yet_valid: 'पास अभी मान्य नहीं',
    },
  },
};

/** Fills `{name}` placeholders. */
export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
