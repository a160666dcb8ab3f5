import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
import { renderPassQr } from '../../core/passes/index.ts';
import { newPdfDocument, scriptFonts } from '../../core/pdf-text/index.ts';
import { MEAL_PASS_SUBJECT } from './meal-pass.ts';
import type { MessTables } from './mess.tables.ts';

const COLS = 3;
const ROWS = 4;

/**
 * A printable A4 sheet of meal passes (12 per page, name, roll and room under each QR) for
 * approved students without a phone; `ids` narrows it to some students.
 */
export async function passSheetPdf(ctx: Ctx, input: { secretKey: string; ids?: string[] }): Promise<Buffer> {
  let query = ctx.db
    .withTables<MessTables>()
    .selectFrom('mess_student')
    .select(['id', 'name', 'roll_number', 'room'])
    .where('status', '=', 'approved')
    .orderBy('roll_number');
  if (input.ids?.length) query = query.where('id', 'in', input.ids);
  const students = await query.limit(500).execute();
  const org = await getOrganization(ctx);
  const doc = await newPdfDocument({ size: 'A4', margin: 36, info: { Title: `${org.name} meal passes` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const fonts = scriptFonts(doc);
  const cellW = (doc.page.width - 72) / COLS;
  const cellH = (doc.page.height - 72) / ROWS;
  for (const [i, s] of students.entries()) {
    if (i > 0 && i % (COLS * ROWS) === 0) doc.addPage();
    const slot = i % (COLS * ROWS);
    const x = 36 + (slot % COLS) * cellW;
    const y = 36 + Math.floor(slot / COLS) * cellH;
    const pass = await issuePass(ctx, {
      secretKey: input.secretKey,
      subject: { type: MEAL_PASS_SUBJECT, id: s.id },
    });
    const png = await renderPassQr(pass.code, { format: 'png', size: 300 });
    const size = Math.min(cellW, cellH - 48) - 12;
    doc.image(Buffer.from(png), x + (cellW - size) / 2, y + 4, { width: size, height: size });
    // A name may be written in Devanagari: the bundled faces draw either script.
    doc.fontSize(10);
    fonts.write(s.name, 'regular', x, y + size + 8, {
      width: cellW,
      align: 'center',
      lineBreak: false,
      ellipsis: true,
    });
    doc.fontSize(9);
    fonts.write(`${s.roll_number} · ${s.room}`, 'regular', x, y + size + 22, {
      width: cellW,
      align: 'center',
    });
  }
  if (students.length === 0) {
    doc.fontSize(12);
    fonts.write('No approved students.', 'regular');
  }
  doc.end();
  return done;
}
