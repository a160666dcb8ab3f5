import { describe, expect, it } from 'vitest';
import { missingGlyphs } from '../../../test/support/pdf-glyphs.ts';
import { expectCleanLayout, measureText } from '../../../test/support/pdf-layout.ts';
import { runRenderTask } from '../../platform/render/render-tasks.ts';
import { type BadgeInput, badgePdfTask } from './customer-pass.ts';

/*
 * Issue 65: a customer may be Hindi, and their name written in Devanagari: their badge prints it
 * (the built-in Helvetica left it blank), laid out without overlaps, next to a Latin name's badge.
 */
const render = async (input: Omit<BadgeInput, 'qrPng'>) => {
  const qrPng = await runRenderTask({ kind: 'qr-png', data: 'OD1:EXPO', width: 360 });
  const task = badgePdfTask({ ...input, qrPng });
  return runRenderTask({ kind: 'pdf', options: task.options, calls: task.calls });
};

describe('the customer badge PDF', () => {
  for (const [who, customerName, exhibitionName] of [
    ['Latin', 'Amélie Mukamana', 'Salon de l’artisanat — Kigali'],
    ['Devanagari', 'प्रिया शर्मा', 'दिल्ली हस्तशिल्प मेला'],
  ] as const)
    it(`prints a ${who} name with a glyph for every letter, without overlaps`, async () => {
      const input = { exhibitionName, customerName, code: 'CE21005X' };
      expect(await missingGlyphs(() => render(input))).toEqual([]);
      const text = (await measureText(() => render(input))).map((b) => b.text).join('');
      expect(text).toContain(customerName);
      expect(text).toContain('CE21-005X');
      await expectCleanLayout(`exhibition badge ${who}`, () => render(input));
    });
});
