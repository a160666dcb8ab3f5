import { describe, expect, it } from 'vitest';
import { reportCsv } from './reports-csv.ts';

const summary = {
  from: '2026-11-01',
  to: '2026-11-30',
  meals: [{ date: '2026-11-02', meal: '|cmd', allowed: 3, denied: 1 }],
  denials: [{ reason: 'not_paid', count: 1 }],
  payments: [
    { cycleId: 'c1', name: '=HYPERLINK("http://evil")', currency: 'INR', paidMinor: 150000, students: 2 },
  ],
  cuts: { cuts: 0, students: 0 },
  approvals: { pending: 0, decided: 0, avgHours: null },
  verification: { decided: 0, medianHours: null, slowestHours: null, waiting: 0, oldestWaitingHours: null },
};
const forecast = [
  {
    date: '2026-11-03',
    mealId: 'm1',
    mealName: '｜cmd',
    windowKey: 'k',
    eligible: 4,
    attendanceRate: 0.5,
    expected: 2,
  },
];

describe('the mess report CSV', () => {
  it('writes the names staff typed inert, as every CSV does, and keeps amounts as numbers', () => {
    const lines = reportCsv(summary, forecast, (code) => `-${code}`).split('\r\n');
    expect(lines).toContain("meals,2026-11-02,'|cmd,3,1");
    expect(lines).toContain(`payments,"'=HYPERLINK(""http://evil"")",1500.00,INR,2`);
    expect(lines).toContain("denials,'-not_paid,not_paid,1");
    expect(lines).toContain("forecast,2026-11-03,'｜cmd,4,2");
  });
});
