/** Output of `renderPassQr`. */
export type PassQrOptions = {
  format: 'png' | 'svg';
  /** Image width in pixels (PNG) or user units (SVG); default 320. */
  size?: number;
};

/**
 * Renders a pass string as a QR code (error correction M, alphanumeric mode, 4-module quiet zone).
 * Node-only (PNG via `qrcode`'s server build). `qrcode` is imported lazily so that importing
 * the passes capability in the browser scanner never pulls it in.
 */
export async function renderPassQr(
  encoded: string,
  options: PassQrOptions & { format: 'png' },
): Promise<Uint8Array>;
export async function renderPassQr(
  encoded: string,
  options: PassQrOptions & { format: 'svg' },
): Promise<string>;
export async function renderPassQr(encoded: string, options: PassQrOptions): Promise<Uint8Array | string> {
  const { default: qrcode } = await import('qrcode');
  const segments = [{ data: encoded, mode: 'alphanumeric' as const }];
  const common = { errorCorrectionLevel: 'M' as const, margin: 4, width: options.size ?? 320 };
  if (options.format === 'svg') return qrcode.toString(segments, { ...common, type: 'svg' });
  return qrcode.toBuffer(segments, { ...common, type: 'png' });
}

/** QR version (1-40) a pass string needs at error correction M; for size budgets and print layouts. */
export async function passQrVersion(encoded: string): Promise<number> {
  const { default: qrcode } = await import('qrcode');
  return qrcode.create([{ data: encoded, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' }).version;
}
