import type { Input } from '../../core/conversations/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { alertAdmins } from './admin-bot.ts';
import { paymentAlert } from './admin-cards.ts';
import { submitFeeProof } from './fee-payments.ts';
import { type F, menu, type Step, text } from './flow-common.ts';
import type { Student } from './students.ts';

/* The mess bot's chat, a payment proof: what was paid, the screenshot, the wardens' alert. */

/** `2840`, `₹2,840.50 UTR412345678901`, `Rs 2840 ref 4123`: the amount, and the rest as the reference. */
const PAID =
  /^\s*(?:₹|rs\.?|inr)?\s*(\d{1,3}(?:,\d{2,3})+|\d+)(?:\.(\d{1,2}))?\b\s*(?:(?:utr|ref|txn|id)\s*[:#-]?\s*)?([A-Za-z0-9-]{4,40})?\s*$/i;
export function readPaid(textIn: string): { minor: number; ref?: string } | undefined {
  const m = PAID.exec(textIn.trim());
  if (!m) return undefined;
  const minor = Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor <= 0) return undefined;
  return m[3] ? { minor, ref: m[3] } : { minor };
}

export async function submitProof(input: Extract<Input, { kind: 'media' }>, f: F, s: Student): Promise<Step> {
  const fromCaption = input.caption ? readPaid(input.caption) : undefined;
  const declaredMinor = fromCaption?.minor ?? f.context.payMinor;
  if (!declaredMinor) return { reply: [text(f.t('pay.need_amount'))], next: 'pay' };
  const reference = fromCaption?.ref ?? f.context.payRef ?? null;
  const file = await input.load();
  const { payment, dues } = await submitFeeProof(f.ctx, f.rt, {
    studentId: s.id,
    bytes: file.bytes,
    originalName: file.fileName ?? `proof.${input.mediaKind === 'photo' ? 'jpg' : 'pdf'}`,
    externalReference: reference,
    declaredMinor,
  });
  const dup = payment.duplicateOfPaymentIds.length > 0;
  await alertAdmins(
    f.ctx,
    f.rt,
    paymentAlert(
      payment,
      {
        name: s.name,
        roll: s.rollNumber,
        due: formatMoney(money(dues.balanceMinor, payment.amount.currency), 'en'),
        dup: dup ? ' ⚠' : '',
      },
      {
        bytes: file.bytes,
        fileName: file.fileName ?? (input.mediaKind === 'photo' ? 'proof.jpg' : 'proof.pdf'),
        mime: file.mime,
      },
    ),
  );
  const received = f.t('pay.received', { cycle: dues.name, amount: formatMoney(payment.amount, f.language) });
  const { payMinor: _m, payRef: _r, ...rest } = f.context;
  return {
    reply: [text(dup ? `${received}\n${f.t('pay.duplicate')}` : received), menu(f, s)],
    next: 'menu',
    context: rest,
  };
}
