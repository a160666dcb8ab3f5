/**
 * What the render workers do (`render-worker.ts` runs these off the event loop): a QR as a PNG, and a
 * PDF replayed from the drawing calls the caller recorded. Plain functions on plain data, so a task
 * crosses to a worker thread by structured clone and back as bytes.
 */

/** A QR code as a PNG: `qrcode`'s options, for one segment of text. */
export interface QrPngTask {
  kind: 'qr-png';
  data: string;
  /** `alphanumeric` packs signed passes (upper case, digits, `$%*+-./:`) densest; default `byte`. */
  mode?: 'alphanumeric' | 'byte';
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  /** Quiet zone in modules (default 4). */
  margin?: number;
  /** Image width in pixels (default 320). */
  width?: number;
}

/** One pdfkit call: the method's name and its arguments (text, numbers, options, image bytes). */
export type PdfCall = readonly [method: string, ...args: unknown[]];

/** A PDF as pdfkit's options and the calls that draw it, in order (`doc.fontSize(11).text(…)`…). */
export interface PdfTask {
  kind: 'pdf';
  options: Record<string, unknown>;
  calls: ReadonlyArray<PdfCall>;
}

export type RenderTask = QrPngTask | PdfTask;

/**
 * The pdfkit methods a drawing may call: they draw or set the pen. Streams, events and `end` stay
 * the worker's own.
 */
const DRAWING_METHODS = new Set([
  'addPage',
  'font',
  'fontSize',
  'registerFont',
  'fillColor',
  'strokeColor',
  'lineWidth',
  'text',
  'moveDown',
  'moveUp',
  'image',
  'rect',
  'moveTo',
  'lineTo',
  'stroke',
  'fill',
  'save',
  'restore',
]);

export async function runRenderTask(task: RenderTask): Promise<Uint8Array> {
  if (task.kind === 'qr-png') return qrPng(task);
  return pdf(task);
}

async function qrPng(task: QrPngTask): Promise<Uint8Array> {
  const { default: qrcode } = await import('qrcode');
  const segments =
    task.mode === 'alphanumeric'
      ? [{ data: task.data, mode: 'alphanumeric' as const }]
      : [{ data: Buffer.from(task.data), mode: 'byte' as const }];
  return qrcode.toBuffer(segments, {
    type: 'png',
    errorCorrectionLevel: task.errorCorrectionLevel ?? 'M',
    margin: task.margin ?? 4,
    width: task.width ?? 320,
  });
}

async function pdf(task: PdfTask): Promise<Uint8Array> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument(task.options as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [method, ...args] of task.calls) {
    if (!DRAWING_METHODS.has(method)) throw new Error(`pdf: ${method} is not a drawing call`);
    // Image bytes arrive as a Uint8Array; pdfkit reads a Buffer (or a path).
    const given = args.map((a) => (a instanceof Uint8Array && !Buffer.isBuffer(a) ? Buffer.from(a) : a));
    // A drawing call by its name (checked against DRAWING_METHODS above): pdfkit's class has no index signature.
    (doc as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...given);
  }
  doc.end();
  return done;
}
