import type { Output } from '../../core/conversations/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import type { Payment } from '../../core/payments/index.ts';
import type { Student } from './students.ts';

/*
 * What the mess bot shows a warden (the admin menu, a registration to decide, a payment proof with
 * its screenshot, the quick-pick reasons of a denial), as chat outputs in the warden's words. The
 * decisions behind the buttons are admin-bot.ts's.
 */

/** The warden's words: an i18n lookup in their language. */
export type T = (key: string, params?: Record<string, unknown>) => string;

/** The warden's menu. */
export const adminMenu = (t: T): Output => ({
  kind: 'buttons',
  text: t('admin.menu'),
  buttons: [
    { id: 'adm:pending', title: t('admin.pending') },
    { id: 'adm:payments', title: t('admin.payments') },
    { id: 'adm:report', title: t('admin.report') },
  ],
});

export const registrationCard = (
  t: T,
  s: Pick<Student, 'id' | 'name' | 'rollNumber' | 'room' | 'phone'>,
): Output => ({
  kind: 'buttons',
  text: t('admin.student', { name: s.name, roll: s.rollNumber, room: s.room, phone: s.phone }),
  buttons: [
    { id: `adm:ok:${s.id}`, title: t('admin.approve') },
    { id: `adm:no:${s.id}`, title: t('admin.deny') },
  ],
});

/** What the warden is shown of a payment proof: who, what they declared, the reference, what is due. */
export interface PaymentFacts {
  name: string;
  roll: string;
  /** The balance the student owed when the proof came in. */
  due: string;
  dup: string;
}

export const paymentCard = (t: T, p: Payment, facts: PaymentFacts): Output => ({
  kind: 'buttons',
  text: t('admin.payment', {
    amount: formatMoney(p.amount, 'en'),
    name: facts.name,
    roll: facts.roll,
    ref: p.externalReference ?? t('admin.no_ref'),
    due: facts.due,
    dup: facts.dup,
  }),
  buttons: [
    { id: `adm:pv:${p.id}`, title: t('admin.verify') },
    { id: `adm:pd:${p.id}`, title: t('admin.reject') },
  ],
});

/** The screenshot itself, then the card: the warden never verifies blind. */
export const paymentAlert =
  (p: Payment, facts: PaymentFacts, proof: { bytes: Uint8Array; fileName: string; mime: string }) =>
  (t: T): Output[] => {
    const caption = t('admin.proof_caption', { name: facts.name, roll: facts.roll });
    const file = { bytes: Buffer.from(proof.bytes), fileName: proof.fileName, mime: proof.mime };
    return [
      proof.mime.startsWith('image/')
        ? { kind: 'image', file, caption }
        : { kind: 'document', file, caption },
      paymentCard(t, p, facts),
    ];
  };

/** Quick-pick reasons a warden can tap (or reply with their own words); worded in the student's language. */
const STUDENT_REASONS = ['details', 'not_resident', 'duplicate'] as const;
const PAYMENT_REASONS = ['amount', 'unclear', 'not_received'] as const;

export const reasonCard = (t: T, kind: 'no' | 'pd', target: string): Output => ({
  kind: 'buttons',
  text: t('admin.reason_ask'),
  buttons: (kind === 'no' ? STUDENT_REASONS : PAYMENT_REASONS).map((code) => ({
    id: `adm:${kind === 'no' ? 'nr' : 'pr'}:${target}:${code}`,
    title: t(`admin.reasons.${code}`),
  })),
});
