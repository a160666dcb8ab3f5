import { formatCode } from '../../core/codes/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
import { renderPassQr } from '../../core/passes/index.ts';
import { newPdfDocument } from '../../core/pdf-text/index.ts';

/** Subject type of customer passes: `{ type: 'expo', id: customerId }` (pass types are ≤ 8 characters). */
export const CUSTOMER_PASS_SUBJECT = 'expo';

/** The signed pass of a customer (the text its QR holds); `reissue` revokes every earlier pass. */
export async function signCustomerPass(
  ctx: Ctx,
  input: { secretKey: string; customerId: string; reissue?: boolean },
): Promise<{ pass: string }> {
  const issued = await issuePass(ctx, {
    secretKey: input.secretKey,
    subject: { type: CUSTOMER_PASS_SUBJECT, id: input.customerId },
    reissue: input.reissue ?? false,
  });
  return { pass: issued.code };
}

/** The QR of a pass as a PNG (about 40 ms: made when the e-mail is sent, not in the request). */
export const passQrPng = (pass: string): Promise<Uint8Array> =>
  renderPassQr(pass, { format: 'png', size: 360 });

/** A badge (A6) with the exhibition, the customer's name, the code and the QR, to print or show. */
export async function badgePdf(input: {
  exhibitionName: string;
  customerName: string;
  code: string;
  qrPng: Uint8Array;
}): Promise<Buffer> {
  const doc = await newPdfDocument({
    size: 'A6',
    margin: 20,
    info: { Title: `${input.exhibitionName} badge` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 40;
  doc.fontSize(11).text(input.exhibitionName, 20, 20, { width, align: 'center' });
  doc
    .fontSize(16)
    .text(input.customerName, 20, 40, { width, align: 'center', lineBreak: false, ellipsis: true });
  const size = 180;
  doc.image(Buffer.from(input.qrPng), (doc.page.width - size) / 2, 70, { width: size, height: size });
  doc.fontSize(18).text(formatCode(input.code, 4), 20, 260, { width, align: 'center', characterSpacing: 2 });
  doc.end();
  return done;
}
