/** What `GET /api/mess/students/:id/overview` answers, as the student's page reads it. */
export interface CycleDuesRow {
  cycleId: string;
  name: string;
  feeMinor: number;
  cutDays: number;
  closedDays: number;
  rebateMinor: number;
  paidMinor: number;
  creditInMinor: number;
  balanceMinor: number;
  creditOutMinor: number;
}

export interface Overview {
  student: { id: string; name: string; rollNumber: string; status: string; statusReason: string | null };
  timeZone: string;
  cutoffTime: string;
  earliestCutStart: string;
  dues: { currency: string; cycles: CycleDuesRow[] };
  payments: {
    id: string;
    cycle: string;
    amountMinor: number;
    currency: string;
    method: string;
    status: string;
    reference: string | null;
    receivedOn: string | null;
    note: string | null;
    createdAt: string;
  }[];
  cuts: { id: string; from: string; to: string; cancellable: boolean }[];
  scans: { id: string; at: string; decision: string; reason: string | null; meal: string | null }[];
}

export const STATUS_COLOUR: Record<string, 'success' | 'warning' | 'error' | 'default' | 'info'> = {
  approved: 'success',
  pending: 'warning',
  denied: 'error',
  suspended: 'error',
  verified: 'success',
  settled: 'success',
  submitted: 'warning',
  allowed: 'success',
};
