import { formatCode } from '../../core/codes/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
import { recordedScriptFonts } from '../../core/pdf-text/index.ts';
import { PDF_PAGE_SIZES, type PdfCall, renderPdf, renderQrPng } from '../../platform/render/index.ts';

/** Subject type of customer passes: `{ type: 'expo', id: customerId }` (pass types are ≤ 8 characters). */
export const CUSTOMER_PASS_SUBJECT = 'expo';

/** The signed pass of a customer (the text its QR holds); `reissue` revokes every earlier pass. */
export async function signCustomerPass(
  ctx: Ctx,
  input: { secretKey: string; customerId: string; reissue?: boolean },
): Promise<{ pass: string; passVersion: number }> {
  const issued = await issuePass(ctx, {
    secretKey: input.secretKey,
    subject: { type: CUSTOMER_PASS_SUBJECT, id: input.customerId },
    reissue: input.reissue ?? false,
  });
  return { pass: issued.code, passVersion: issued.passVersion };
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
export async function badgePdf(input: BadgeInput): Promise<Buffer> {
  const task = badgePdfTask(input);
  return Buffer.from(await renderPdf(task.options, task.calls));
}

export interface BadgeInput {
  exhibitionName: string;
  customerName: string;
  code: string;
  qrPng: Uint8Array;
}

/**
 * The badge's page options and drawing calls. A name may be written in Devanagari (a Hindi customer's,
 * issue 65): the bundled faces draw either script, where the built-in Helvetica left it blank.
 */
export function badgePdfTask(input: BadgeInput): { options: Record<string, unknown>; calls: PdfCall[] } {
  const [pageWidth] = PDF_PAGE_SIZES.A6;
  const width = pageWidth - 40;
  const size = 180;
  const calls: PdfCall[] = [];
  const fonts = recordedScriptFonts(calls);
  calls.push(['fontSize', 11]);
  fonts.write(input.exhibitionName, 'regular', 20, 20, { width, align: 'center' });
  calls.push(['fontSize', 16]);
  fonts.write(input.customerName, 'regular', 20, 40, {
    width,
    align: 'center',
    lineBreak: false,
    ellipsis: true,
  });
  calls.push(
    ['image', input.qrPng, (pageWidth - size) / 2, 70, { width: size, height: size }],
    ['fontSize', 18],
  );
  fonts.write(formatCode(input.code, 4), 'regular', 20, 260, { width, align: 'center', characterSpacing: 2 });
  return { options: { size: 'A6', margin: 20, info: { Title: `${input.exhibitionName} badge` } }, calls };
}
