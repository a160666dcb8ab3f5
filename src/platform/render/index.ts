/**
 * QR and PDF rendering on worker threads, off the event loop that answers requests and (on the
 * embedded database) runs every query.
 */

export { closeRenderWorkers, PDF_PAGE_SIZES, renderPdf, renderQrPng } from './render.ts';
export { createRenderPool, type RenderPool, type RenderPoolOptions } from './render-pool.ts';
export type { PdfCall } from './render-tasks.ts';
