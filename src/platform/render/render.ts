import { createRenderPool, type RenderPool } from './render-pool.ts';
import type { PdfCall, QrPngTask } from './render-tasks.ts';

/**
 * The process's render threads, started with the first render: rendering is technology, not an app's
 * state (two apps in one process share the threads as they share pdfkit). Idle threads keep nothing
 * alive; `closeRenderWorkers` ends them (at shutdown, after the jobs that render have stopped).
 */
let pool: RenderPool | undefined;
const shared = () => {
  pool ??= createRenderPool();
  return pool;
};

/** A QR code of `data` as a PNG, made on a render thread. */
export function renderQrPng(
  data: string,
  options: Omit<QrPngTask, 'kind' | 'data'> = {},
): Promise<Uint8Array> {
  return shared().run({ kind: 'qr-png', data, ...options });
}

/**
 * A PDF made on a render thread from pdfkit's document options and the drawing calls in order, as
 * recorded by the caller: `[['fontSize', 11], ['text', 'Hello', 20, 20, { width: 200 }], ['image', png, 0, 40]]`.
 */
export function renderPdf(
  options: Record<string, unknown>,
  calls: ReadonlyArray<PdfCall>,
): Promise<Uint8Array> {
  return shared().run({ kind: 'pdf', options, calls });
}

/** Ends the render threads once the renders under way are done; the next render starts new ones. */
export async function closeRenderWorkers(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

/** Page sizes in PDF points (pdfkit's), for drawings that place things from the page's width. */
export const PDF_PAGE_SIZES = { A4: [595.28, 841.89], A6: [297.64, 419.53] } as const;
