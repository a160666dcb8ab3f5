import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fittedToGsm7, smsSegments } from './sms-encoding.ts';
import {
  CHAT_MESSAGE_CHARS,
  cleanStaffText,
  fitStaffText,
  fitTemplateStaffText,
  hasLink,
  messageBudget,
} from './staff-text.ts';
import { defineTemplate } from './templates.ts';

// Security issue 61 item 4: what staff type reaches a person inside the template's room, no link in it.

const refund = defineTemplate({
  key: 'test.refund',
  data: z.object({ amount: z.string(), reason: z.string() }),
  staffText: ['reason'],
  body: (_locale, d) => `${d.amount} was refunded for meter 0412345678901. Reason: ${d.reason}. Thank you.`,
});
const sms = (reason: string, smsParts?: number) =>
  refund.body(
    'en',
    fitStaffText({
      data: { amount: 'RWF 1,000', reason },
      fields: ['reason'],
      render: (d) => refund.body('en', d),
      budget: messageBudget('sms', smsParts),
    }),
  );
const reasonOf = (body: string) => body.slice(body.indexOf('Reason: ') + 8, body.lastIndexOf('. Thank you.'));

describe('staff text in a message', () => {
  it('leaves a reason that fits as it is', () => {
    expect(sms('Wrong meter number')).toBe(
      'RWF 1,000 was refunded for meter 0412345678901. Reason: Wrong meter number. Thank you.',
    );
  });

  it('cuts a long reason with "…" so the whole SMS fits two GSM-7 parts, the template’s words whole', () => {
    const body = sms('The meter number was typed wrong. '.repeat(15));
    expect(body).toMatch(/^RWF 1,000 was refunded for meter 0412345678901\. Reason: The meter number/);
    expect(body).toMatch(/…\. Thank you\.$/);
    // Written for the network, "…" is "..." in GSM-7: counted so, it still fits, and fills the room.
    const fit = smsSegments(fittedToGsm7(body));
    expect(fit).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(fit.units).toBeGreaterThan(290);
  });

  it('counts the encoding the whole text takes: a Hindi reason makes it UCS-2, 67 a part', () => {
    const body = sms('मीटर नंबर गलत लिखा गया था। '.repeat(20));
    const fit = smsSegments(fittedToGsm7(body));
    expect(fit).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(fit.units).toBeGreaterThan(120);
    expect(reasonOf(body)).toMatch(/^मीटर नंबर गलत .*…$/u);
    // Cut between letters as a reader sees them: no vowel sign left without its letter.
    expect(reasonOf(body).at(-2)).not.toMatch(/\p{M}/u);
  });

  it('keeps to a template’s own budget of parts, one here', () => {
    expect(smsSegments(fittedToGsm7(sms('x'.repeat(400), 1))).segments).toBe(1);
    expect(sms('x'.repeat(400), 1)).toMatch(/x…\. Thank you\.$/);
  });

  it('leaves only "…" when the template’s words alone fill the room', () => {
    const long = 'RWF 1,000,000,000,000 (one trillion francs, a long amount written out in words) '.repeat(4);
    const fitted = fitStaffText({
      data: { amount: long, reason: 'anything at all' },
      fields: ['reason'],
      render: (d) => refund.body('en', d),
      budget: messageBudget('sms'),
    });
    expect(fitted.reason).toBe('…');
  });

  it('gives e-mail, WhatsApp and Telegram 1,000 characters', () => {
    for (const channel of ['email', 'whatsapp', 'telegram'] as const) {
      const fitted = fitTemplateStaffText(refund, channel, 'en', {
        amount: 'RWF 1',
        reason: 'y'.repeat(2000),
      });
      const body = refund.body('en', fitted);
      expect([...body]).toHaveLength(CHAT_MESSAGE_CHARS);
      expect(fitted.reason).toMatch(/y…$/);
    }
    const short = { amount: 'RWF 1', reason: 'y'.repeat(500) };
    expect(fitTemplateStaffText(refund, 'email', 'en', short)).toEqual(short);
  });

  it('fits every staff field of a template to the same length', () => {
    const render = (d: { a: string; b: string }) => `A: ${d.a} B: ${d.b}`;
    const fitted = fitStaffText({
      data: { a: 'a'.repeat(300), b: 'b'.repeat(20) },
      fields: ['a', 'b'],
      render,
      budget: { chars: 100 },
    });
    expect([...render(fitted)].length).toBeLessThanOrEqual(100);
    expect(fitted.b).toBe('b'.repeat(20));
    expect(fitted.a).toMatch(/^a+…$/);
  });

  it('leaves a template without staff text alone', () => {
    const plain = defineTemplate({ key: 'test.plain', body: (_l, d: { reason: string }) => d.reason });
    const data = { reason: `see https://example.com ${'z'.repeat(900)}` };
    expect(fitTemplateStaffText(plain, 'sms', 'en', data)).toBe(data);
  });

  it('refuses a staff field its data does not have, and a budget of no parts', () => {
    const data = z.object({ reason: z.string() });
    expect(() => defineTemplate({ key: 'test.x', data, staffText: ['note'], body: () => '' })).toThrow(
      /note/,
    );
    expect(() => defineTemplate({ key: 'test.y', data, smsParts: 0, body: () => '' })).toThrow(/parts/);
  });
});

describe('links in staff text', () => {
  const removed = {
    'details at https://refunds.example.com/r/61?x=1 please': 'details at please',
    'HTTP://EVIL.EXAMPLE/x now': 'now',
    'go to www.example.org/help.': 'go to',
    'pay at pay.example.com/back today': 'pay at today',
    'see bit.ly/3xYz and wa.me/250788000111': 'see and',
    'mail refunds@example.co.rw for help': 'mail for help',
    'mailto:x@y.com': '',
    'visit example.com.': 'visit .',
    'ftp://files.example.net/a': '',
    'भुगतान https://example.in/r पर देखें': 'भुगतान पर देखें',
    'ir a kigali-power.rw/reembolso ahora': 'ir a ahora',
    // Hidden characters cannot split a link or turn it backwards.
    'open exa\u200Bmple.com/x': 'open',
    'look \u202Emoc.elpmaxe\u202C here': 'look moc.elpmaxe here',
  };
  for (const [text, clean] of Object.entries(removed))
    it(`removes the link of ${JSON.stringify(text)}`, () => {
      expect(cleanStaffText(text)).toBe(clean);
      expect(hasLink(cleanStaffText(text))).toBe(false);
    });

  it('leaves words, amounts and abbreviations that only look dotted', () => {
    for (const text of [
      'e.g. the meter was wrong, i.e. not yours',
      'RWF 1.000.000 paid, 3.5 kWh, No. 12, 10.30 a.m.',
      'Paid twice. Sorry!',
      'मीटर नंबर गलत था। क्षमा करें',
    ])
      expect(cleanStaffText(text)).toBe(text);
  });

  it('puts the text on one line, without control characters', () => {
    expect(cleanStaffText('  wrong\nmeter\t\tnumber\u0007  ')).toBe('wrong meter number');
    // Zero-width joiners shape Devanagari: they stay.
    expect(cleanStaffText('क्\u200Dष')).toBe('क्\u200Dष');
  });

  it('keeps links when the template itself carries one', () => {
    const help = defineTemplate({
      key: 'test.help',
      data: z.object({ reason: z.string() }),
      staffText: ['reason'],
      body: (_l, d) => `Refunded: ${d.reason}. Help: https://help.example.com`,
    });
    expect(fitTemplateStaffText(help, 'email', 'en', { reason: 'see www.example.org/r' }).reason).toBe(
      'see www.example.org/r',
    );
    expect(
      fitTemplateStaffText(refund, 'email', 'en', { amount: '1', reason: 'see www.example.org/r' }).reason,
    ).toBe('see');
  });
});
