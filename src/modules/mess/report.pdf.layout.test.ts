import { describe, expect, it } from 'vitest';
import { expectCleanLayout, measureText } from '../../../test/support/pdf-layout.ts';
import { REPORT_LANGUAGES } from './report.pdf.catalog.ts';
import { type ReportData, reportPdfOf } from './report.pdf.ts';

/*
 * Issue 41, item 3: the mess report's header ran into its values. Measured: the boxes pdfkit lays
 * each piece of text out in, in every language the report is written in.
 */
const days = Array.from({ length: 12 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const data: ReportData = {
  org: { name: 'श्री गणेश छात्रावास भोजनालय — Boys Hostel Mess', timeZone: 'Asia/Kolkata' },
  forecast: days.slice(0, 6).map((date) => ({
    date,
    mealId: 'm',
    mealName: 'रात्रि भोजन (Dinner)',
    windowKey: `${date}:m`,
    eligible: 412,
    attendanceRate: 0.9,
    expected: 371,
  })),
  summary: {
    from: days[0]!,
    to: days.at(-1)!,
    meals: days.flatMap((date) =>
      ['नाश्ता (Breakfast)', 'दोपहर का भोजन (Lunch)'].map((meal) => ({
        date,
        meal,
        allowed: 388,
        denied: 12,
      })),
    ),
    denials: [
      { reason: 'already_served', count: 31 },
      { reason: 'pass_bad_signature', count: 4 },
      { reason: 'outside_window', count: 9 },
    ],
    payments: [{ name: 'नवंबर 2026 (November 2026)', paidMinor: 123_456_700, currency: 'INR', students: 402 }],
    cuts: { cuts: 57, students: 49 },
    approvals: { pending: 3, decided: 120, avgHours: 12.5 },
  } as ReportData['summary'],
};

describe('the mess report PDF lays its text out without overlaps', () => {
  for (const language of REPORT_LANGUAGES)
    it(`report, ${language}, A4`, async () => {
      await expectCleanLayout(`mess report ${language}`, () => reportPdfOf(data, language));
    });
});

describe('the mess report PDF words its denial reasons', () => {
  it('names a refused pass in words, never its code (issue 54 item 5: "pass bad signature")', async () => {
    for (const [language, words] of [
      ['en', 'Forged or altered pass'],
      ['hi', 'नकली या बदला हुआ पास'],
    ] as const) {
      const text = (await measureText(() => reportPdfOf(data, language))).map((b) => b.text).join('\n');
      expect(text).toContain(words);
      expect(text).not.toMatch(/pass bad signature|bad_signature/);
    }
  });
});
