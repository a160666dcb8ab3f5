import { describe, expect, it } from 'vitest';
import { flattenKeys } from '../../core/i18n/index.ts';
import { renderTemplate } from '../../core/notifications/index.ts';
import { exhibitionMailCatalog } from './exhibition.mail.catalog.ts';
import { statementTemplate, welcomeTemplate } from './exhibition.notifications.ts';
import { CUSTOMER_LANGUAGES } from './exhibition.tables.ts';

const welcome = {
  name: 'Ana <Ruiz>',
  exhibition: 'Feria',
  code: 'ABCD-EFGH',
  rawCode: 'ABCDEFGH',
  pass: 'OD1:X',
};
const statement = { name: 'Ana', exhibition: 'Feria', code: 'ABCD-EFGH', billCount: 2, total: '12,50 €' };

describe("customers' e-mails", () => {
  it('are written in every language of the module with the same keys', () => {
    expect(Object.keys(exhibitionMailCatalog)).toEqual([...CUSTOMER_LANGUAGES]);
    for (const language of CUSTOMER_LANGUAGES)
      expect(flattenKeys(exhibitionMailCatalog[language]!), language).toEqual(
        flattenKeys(exhibitionMailCatalog.en!),
      );
  });

  it('render the welcome and statement in French, Hindi and Kinyarwanda too (issue 65), every placeholder filled', () => {
    const fr = renderTemplate(welcomeTemplate, 'fr', welcome);
    expect(fr.subject).toBe('Votre code pour Feria : ABCD-EFGH');
    expect(fr.body).toContain('Votre code client est ABCD-EFGH');
    expect(fr.html).toContain('Bonjour Ana &lt;Ruiz&gt;');
    const hi = renderTemplate(welcomeTemplate, 'hi', welcome);
    expect(hi.subject).toBe('Feria के लिए आपका कोड: ABCD-EFGH');
    expect(hi.html).toContain('<strong style="letter-spacing:2px">ABCD-EFGH</strong>');
    const rw = renderTemplate(welcomeTemplate, 'rw', welcome);
    expect(rw.body).toContain('Kode yawe y’umukiriya ni ABCD-EFGH');
    const statements = (['fr', 'hi', 'rw'] as const).map((l) =>
      renderTemplate(statementTemplate, l, {
        ...statement,
        paid: '12,50 €',
        refunded: '2,50 €',
        net: '10,00 €',
      }),
    );
    expect(statements.map((s) => s.subject)).toEqual([
      'Votre relevé pour Feria',
      'Feria का आपका स्टेटमेंट',
      'Raporo ya konti yawe muri Feria',
    ]);
    for (const text of [fr, hi, rw]
      .flatMap((m) => [m.subject, m.body, m.html])
      .concat(statements.map((s) => s.body))) {
      expect(text).not.toContain('{{');
      expect(text).not.toContain(String.fromCharCode(0));
    }
  });

  it('render the welcome and statement in Spanish, with every placeholder filled and the HTML escaped', () => {
    const es = renderTemplate(welcomeTemplate, 'es', welcome);
    expect(es.subject).toBe('Su código para Feria: ABCD-EFGH');
    expect(es.body).toContain('Su código de cliente es ABCD-EFGH');
    expect(es.html).toContain('<strong style="letter-spacing:2px">ABCD-EFGH</strong>');
    expect(es.html).toContain('Hola Ana &lt;Ruiz&gt;');
    const en = renderTemplate(welcomeTemplate, 'en', welcome);
    expect(en.subject).toBe('Your code for Feria: ABCD-EFGH');
    const st = renderTemplate(statementTemplate, 'es', statement);
    expect(st.subject).toBe('Su estado de cuenta de Feria');
    expect(st.body).toContain('tiene 2 cargo(s), total 12,50 €');
    expect(st.body).not.toContain('Pagado');
    const paid = renderTemplate(statementTemplate, 'es', {
      ...statement,
      paid: '12,50 €',
      refunded: '2,50 €',
      net: '10,00 €',
    });
    expect(paid.body).toContain('Pagado 12,50 €, devuelto 2,50 €: pagado neto 10,00 €.');
    for (const text of [es.subject, es.body, es.html, en.body, en.html, st.body]) {
      expect(text).not.toContain('{{');
      expect(text).not.toContain(String.fromCharCode(0));
    }
  });

  it('makes the QR and badge when the welcome is sent, and nothing for a welcome queued before (its files are stored)', async () => {
    const files = await welcomeTemplate.attachments!('es', welcome);
    expect(files.map((f) => [f.filename, f.contentType, f.contentId])).toEqual([
      ['qr-ABCDEFGH-inline.png', 'image/png', 'qr@opsdesk'],
      ['qr-ABCDEFGH.png', 'image/png', undefined],
      ['badge-ABCDEFGH.pdf', 'application/pdf', undefined],
    ]);
    expect(files[2]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const older = { name: 'Ana', exhibition: 'Feria', code: 'ABCD-EFGH' } as typeof welcome;
    expect(await welcomeTemplate.attachments!('en', older)).toEqual([]);
  });
});
