import { formatCode } from '../../core/codes/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
import { PDF_PAGE_SIZES, renderPdf, renderQrPng } from '../../platform/render/index.ts';

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

/**
 * The QR of a customer's pass, for staff to show the visitor: a working pass like the one e-mailed,
 * so it is issued (audited as `passes.pass.issued`) at the customer's current version.
 */
export async function customerPassQrPng(
  ctx: Ctx,
  input: { secretKey: string; customerId: string },
): Promise<Uint8Array> {
  const { pass } = await signCustomerPass(ctx, input);
  return passQrPng(pass);
}

/** The QR of a pass as a PNG, made on a render thread when the e-mail is sent (not in the request). */
export const passQrPng = (pass: string): Promise<Uint8Array> =>
  renderQrPng(pass, { mode: 'alphanumeric', width: 360 });

/** A badge (A6) with the exhibition, the customer's name, the code and the QR, to print or show. */
export async function badgePdf(input: {
  exhibitionName: string;
  customerName: string;
  code: string;
  qrPng: Uint8Array;
}): Promise<Buffer> {
  const [pageWidth] = PDF_PAGE_SIZES.A6;
  const width = pageWidth - 40;
  const size = 180;
  const pdf = await renderPdf({ size: 'A6', margin: 20, info: { Title: `${input.exhibitionName} badge` } }, [
    ['fontSize', 11],
    ['text', input.exhibitionName, 20, 20, { width, align: 'center' }],
    ['fontSize', 16],
    ['text', input.customerName, 20, 40, { width, align: 'center', lineBreak: false, ellipsis: true }],
    ['image', input.qrPng, (pageWidth - size) / 2, 70, { width: size, height: size }],
    ['fontSize', 18],
    ['text', formatCode(input.code, 4), 20, 260, { width, align: 'center', characterSpacing: 2 }],
  ]);
  return Buffer.from(pdf);
}
