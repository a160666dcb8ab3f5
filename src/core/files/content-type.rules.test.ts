import { describe, expect, it } from 'vitest';
import {
  cleanOriginalName,
  contentDisposition,
  describeSize,
  isAllowedType,
  looksLikeText,
} from './content-type.rules.ts';

describe('content type rules', () => {
  it('allows exact types and families only', () => {
    expect(isAllowedType('image/png', ['image/png', 'application/pdf'])).toBe(true);
    expect(isAllowedType('image/webp', ['image/*'])).toBe(true);
    expect(isAllowedType('application/x-msdownload', ['image/*', 'application/pdf'])).toBe(false);
    expect(isAllowedType('imagex/png', ['image/*'])).toBe(false);
  });

  it('tells UTF-8 text from binary, even when the sample cuts a character in half', () => {
    expect(looksLikeText(new TextEncoder().encode('name,amount\nअसहा,10\n'))).toBe(true);
    const cut = new TextEncoder().encode(`${'a'.repeat(8191)}अ`);
    expect(looksLikeText(cut)).toBe(true);
    expect(looksLikeText(Uint8Array.from([0x4d, 0x5a, 0x00, 0x01]))).toBe(false);
    expect(looksLikeText(Uint8Array.from([0xff, 0xfe, 0x41]))).toBe(false);
  });

  it('keeps only the last segment of a name, without control or bidi characters', () => {
    expect(cleanOriginalName('C:\\fakepath\\proof.png')).toBe('proof.png');
    expect(cleanOriginalName('../../etc/passwd')).toBe('passwd');
    expect(cleanOriginalName('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanOriginalName('a\r\nb.pdf')).toBe('ab.pdf');
    expect(cleanOriginalName('  ')).toBe('file');
    expect([...cleanOriginalName('x'.repeat(400))]).toHaveLength(255);
  });

  it('writes Content-Disposition with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('रसीद "may".png', 'image/png')).toBe(
      `inline; filename="____ _may_.png"; filename*=UTF-8''%E0%A4%B0%E0%A4%B8%E0%A5%80%E0%A4%A6%20%22may%22.png`,
    );
    expect(contentDisposition('a.pdf', 'application/pdf', true)).toMatch(/^attachment; /);
    expect(contentDisposition('a.pdf', 'application/pdf'), 'a PDF may carry JavaScript').toMatch(
      /^attachment; /,
    );
    expect(contentDisposition("it's (1).txt", 'text/plain')).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });

  it('describes sizes in words', () => {
    expect(describeSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(describeSize(1536)).toBe('1.5 KB');
    expect(describeSize(900)).toBe('900 bytes');
  });
});
