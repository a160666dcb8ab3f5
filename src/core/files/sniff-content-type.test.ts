import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sniffContentType } from './sniff-content-type.ts';

describe('sniffContentType', () => {
  it('reads the type from the bytes, not from any name', async () => {
    expect(await sniffContentType(PNG.sync.write(new PNG({ width: 1, height: 1 })))).toBe('image/png');
    expect(await sniffContentType(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n'))).toBe(
      'application/pdf',
    );
    const exe = Buffer.alloc(128);
    exe.write('MZ');
    expect(await sniffContentType(exe)).toBe('application/x-msdownload');
  });

  it('falls back to text or octet-stream for bytes without a signature', async () => {
    expect(await sniffContentType(Buffer.from('just a note'))).toBe('text/plain');
    expect(await sniffContentType(Buffer.from([0x00, 0x13, 0x37, 0xff]))).toBe('application/octet-stream');
  });
});
