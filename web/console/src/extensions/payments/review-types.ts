/** `GET /api/payments/review` as the console reads it (server: `reviewQueueSchema`). */
export interface ProofFile {
  id: string;
  url: string;
  contentType: string;
  originalName: string;
}

export interface PurposeLabel {
  key: string;
  params: Record<string, string | number>;
  record?: { resource: string; id: string };
}

export interface ReviewPayment {
  id: string;
  amount: { amountMinor: number; currency: string };
  status: string;
  purpose: { type: string; id: string };
  payerMsisdn: string | null;
  externalReference: string | null;
  createdAt: string;
}

export interface ReviewItem {
  payment: ReviewPayment;
  payerName: string | null;
  proof: ProofFile | null;
  purpose: PurposeLabel | null;
  duplicates: { payment: ReviewPayment; proof: ProofFile | null; purpose: PurposeLabel | null }[];
}

export interface ReviewQueue {
  total: number;
  items: ReviewItem[];
}

/** Which key does what in the queue (shown on the page and in the help). */
export const REVIEW_KEYS = { verify: 'v', deny: 'd', next: 'j', previous: 'k', undo: 'u' } as const;
