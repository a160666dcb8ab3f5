import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRenderPool, type RenderPool } from './render-pool.ts';

let pool: RenderPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

// A thread's first task loads tsx, qrcode and pdfkit: seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const pdfText = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('render pool', () => {
  it('renders a QR PNG on a worker thread that a decoder reads back', async () => {
    pool = createRenderPool({ size: 1 });
    const png = await pool.run({ kind: 'qr-png', data: 'EXPO1.ABC-DEF', mode: 'alphanumeric', width: 300 });
    const image = PNG.sync.read(Buffer.from(png));
    expect(image.width).toBe(300);
    expect(jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(
      'EXPO1.ABC-DEF',
    );
  });

  it('replays drawing calls into a PDF, images included', async () => {
    pool = createRenderPool({ size: 2 });
    const png = await pool.run({ kind: 'qr-png', data: 'HELLO' });
    const pdf = await pool.run({
      kind: 'pdf',
      options: { size: 'A6', compress: false, info: { Title: 'Badge of Asha' } },
      calls: [
        ['fontSize', 14],
        ['text', 'Asha Rao', 20, 20],
        ['image', png, 20, 60, { width: 100 }],
      ],
    });
    const text = pdfText(pdf);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('Badge of Asha');
    expect(text).toContain('/Subtype /Image');
  });

  it('hands a task error to its caller and keeps serving the next task', async () => {
    pool = createRenderPool({ size: 1 });
    await expect(pool.run({ kind: 'pdf', options: {}, calls: [['end']] })).rejects.toThrow(
      /end is not a drawing call/,
    );
    await expect(pool.run({ kind: 'pdf', options: {}, calls: [['text', () => 'x']] })).rejects.toThrow(
      /could not be cloned/,
    );
    const png = await pool.run({ kind: 'qr-png', data: 'STILL HERE' });
    expect(PNG.sync.read(Buffer.from(png)).width).toBe(320);
  });

  it('refuses a task beyond its queue at once, and answers those it took', async () => {
    pool = createRenderPool({ size: 1, maxQueued: 2 });
    const taken = [1, 2, 3].map((n) => pool!.run({ kind: 'qr-png', data: `TASK ${n}` }));
    await expect(pool.run({ kind: 'qr-png', data: 'ONE TOO MANY' })).rejects.toThrow(/queue is full/);
    expect(await Promise.all(taken)).toHaveLength(3);
  });

  it('finishes what it was given when closed, then refuses new work', async () => {
    pool = createRenderPool({ size: 1 });
    const under = [pool.run({ kind: 'qr-png', data: 'A' }), pool.run({ kind: 'qr-png', data: 'B' })];
    await pool.close();
    expect((await Promise.all(under)).every((png) => png.length > 100)).toBe(true);
    await expect(pool.run({ kind: 'qr-png', data: 'C' })).rejects.toThrow(/closed/);
  });
});
