/**
 * A new pdfkit document. pdfkit and its font engine are loaded with the first PDF, not at start-up:
 * importing them cost about a quarter of a second of CPU on every start (profiled), and most starts
 * make no PDF.
 */
export async function newPdfDocument(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  return new PDFDocument(options);
}
