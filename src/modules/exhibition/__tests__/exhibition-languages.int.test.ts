import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKigaliFair } from '../../../../test/factories/exhibition.ts';
import { type SmtpProcess, startSmtpProcess } from '../../../../test/standins/smtp-server.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';

/*
 * Issue 65: every message to a person goes in the person's language, and a customer may choose any of
 * the five Opsdesk speaks (it was English or Spanish only: the desk refused French, Hindi and
 * Kinyarwanda). The e-mail arrives through a real SMTP server process, the SMS at the Africa's
 * Talking stand-in, the statement from the render thread the server uses.
 */
let smtp: SmtpProcess;
let at: AfricasTalkingSandbox;
let app: TestApp;
let desk: ApiClient;
let exhibitionId: string;
let boothId: string;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  at = await startAfricasTalkingSandbox();
  app = await startTestApp({
    env: {
      ...at.appEnv(),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'Expo desk <desk@expo.test>',
      OPSDESK_PUBLIC_URL: 'https://expo.example.rw',
    },
  });
  await app.startWorker();
  const fair = await createKigaliFair(app, ['Ikawa nziza']);
  ({ desk, exhibitionId } = fair);
  boothId = fair.booths[0]!.id;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await at?.close();
  await smtp?.stop();
});

const register = async (body: Record<string, unknown>) => {
  const res = await desk.post('/api/exhibition/customers', { exhibitionId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  const customer = res.json() as { id: string; code: string; language: string };
  return { ...customer, shown: `${customer.code.slice(0, 4)}-${customer.code.slice(4)}` };
};

describe('a customer in any of the five languages (issue 65)', () => {
  it('registered in French gets the welcome e-mail in French, with the QR and the badge', async () => {
    const customer = await register({
      name: 'Amélie Mukamana',
      email: 'amelie@visitor.test',
      language: 'fr',
    });
    expect(customer.language).toBe('fr');
    const mail = await eventually(
      async () => (await smtp.messages()).find((m) => m.to.includes('amelie@visitor.test')),
      { what: 'the welcome e-mail at the SMTP server' },
    );
    expect(mail.subject).toBe(`Votre code pour Kigali Trade Fair : ${customer.shown}`);
    expect(mail.text).toContain('Bonjour Amélie Mukamana,');
    expect(mail.text).toContain(`Votre code client est ${customer.shown}.`);
    expect(mail.text).toContain('Présentez le code QR joint (ou votre badge) à n’importe quel stand');
    expect(mail.html).toContain('Présentez ce code QR');
    expect(mail.text).not.toMatch(/Your customer code|Su código/);
    expect(mail.attachments.map((a) => a.mimeType).sort()).toEqual([
      'application/pdf',
      'image/png',
      'image/png',
    ]);
  });

  it('registered in Kinyarwanda with a phone only gets the welcome SMS in Kinyarwanda', async () => {
    const customer = await register({ name: 'Aline Uwase', phone: '0788 000 222', language: 'rw' });
    const [text] = await eventually(() => at.inbox('+250788000222').length > 0 && at.inbox('+250788000222'), {
      what: 'the welcome SMS on the phone',
    });
    expect(text!.text).toContain(`Kigali Trade Fair: kode yawe ni ${customer.shown}.`);
    expect(text!.text).toContain('byandikwe kuri konti yawe');
    expect(text!.text).toMatch(/Badge na QR: https:\/\/expo\.example\.rw\/public\/exhibition\/badge\//);
    expect(text!.encoding).toBe('GSM-7');
  });

  it('registered in Hindi has a statement PDF drawn in the face with Devanagari', async () => {
    const customer = await register({ name: 'प्रिया शर्मा', email: 'priya@visitor.test', language: 'hi' });
    const bill = await desk.post(`/api/exhibition/customers/${customer.id}/bills`, {
      boothId,
      amountMinor: 800,
      description: 'कॉफ़ी',
    });
    expect(bill.statusCode, bill.body).toBe(201);
    const pdf = await desk.get(`/api/exhibition/customers/${customer.id}/statement.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // The Hindi words need a face with Devanagari: the built-in Helvetica has none and drew nothing
    // (that every letter has its glyph is measured in statement.pdf.layout.test.ts).
    const file = pdf.rawPayload.toString('latin1');
    expect(file).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansDevanagari/);
    expect(file).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('is refused a language Opsdesk does not speak, naming the field', async () => {
    const res = await desk.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Someone',
      email: 'someone@visitor.test',
      language: 'de',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toContain('language');
  });
});
