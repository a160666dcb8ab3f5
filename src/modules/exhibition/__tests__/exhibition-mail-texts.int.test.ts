import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition } from '../../../../test/factories/exhibition.ts';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type SmtpProcess, startSmtpProcess } from '../../../../test/standins/smtp-server.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

/*
 * Issue 66 item 7: the original promised customizable e-mail templates; Opsdesk's were editable only
 * in code. The desk words each customer e-mail per language, placeholders checked, previewed, reset
 * to the default, and the e-mails its organization sends (through a real SMTP server) use its words,
 * while another organization's keep the default.
 */
let smtp: SmtpProcess;
let app: TestApp;
let fairDesk: ApiClient;
let otherDesk: ApiClient;
let fairExpo: string;
let otherExpo: string;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Expo desk <desk@expo.test>' },
  });
  await app.startWorker();
  const fair = await createOrg(app, {});
  const other = await createOrg(app, {});
  fairDesk = await signedInStaff(app, { role: 'owner', org: fair.slug });
  otherDesk = await signedInStaff(app, { role: 'owner', org: other.slug });
  fairExpo = (await createExhibition(app, { org: fair.slug, name: 'Kigali Trade Fair' })).exhibition.id;
  otherExpo = (await createExhibition(app, { org: other.slug, name: 'Lagos Fair' })).exhibition.id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

const WELCOME_FR = '/api/exhibition/mail-texts/exhibition.welcome/fr';
const edited = {
  subject: '{{exhibition}} : votre badge {{code}}',
  body: 'Chère/cher {{name}},\n\nMontrez le code {{code}} à l’entrée de {{exhibition}}.',
};

const welcomeTo = async (desk: ApiClient, exhibitionId: string, email: string) => {
  const res = await desk.post('/api/exhibition/customers', {
    exhibitionId,
    name: 'Amélie',
    email,
    language: 'fr',
  });
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json().code as string;
  const mail = await eventually(async () => (await smtp.messages()).find((m) => m.to.includes(email)), {
    what: `the welcome e-mail to ${email}`,
  });
  return { mail, shown: `${code.slice(0, 4)}-${code.slice(4)}` };
};

describe("the desk words the organization's e-mails (issue 66 item 7)", () => {
  it('lists every e-mail in every language with the default words and their placeholders', async () => {
    const res = await fairDesk.get('/api/exhibition/mail-texts');
    expect(res.statusCode, res.body).toBe(200);
    const texts = res.json() as Array<Record<string, unknown>>;
    expect(texts).toHaveLength(15);
    expect(texts.find((t) => t.template === 'exhibition.welcome' && t.locale === 'fr')).toMatchObject({
      subject: 'Votre code pour {{exhibition}} : {{code}}',
      edited: false,
      placeholders: ['name', 'exhibition', 'code'],
    });
  });

  it('refuses a placeholder the e-mail does not have, naming the field', async () => {
    const res = await fairDesk.request('PUT', WELCOME_FR, {
      subject: 'Total {{total}}',
      body: 'Bonjour {{nmae}}',
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'exhibition.mail_text_invalid',
      errors: [
        { field: 'body.subject', code: 'unknown_placeholder', message: expect.stringContaining('{{total}}') },
        { field: 'body.body', code: 'unknown_placeholder', message: expect.stringContaining('{{nmae}}') },
      ],
    });
    const texts = (await fairDesk.get('/api/exhibition/mail-texts')).json() as Array<Record<string, unknown>>;
    expect(texts.filter((t) => t.edited)).toEqual([]);
  });

  it('previews the words with a sample customer, saving nothing', async () => {
    const res = await fairDesk.post(`${WELCOME_FR}/preview`, edited);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().subject).toMatch(/ : votre badge K7QM-4XPA$/);
    expect(res.json().body).toContain('Chère/cher Meera Iyer,');
  });

  it("sends the organization's words, in that organization only, and the default again after a reset", async () => {
    const saved = await fairDesk.request('PUT', WELCOME_FR, edited);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...edited, edited: true });

    const mine = await welcomeTo(fairDesk, fairExpo, 'amelie@fair.test');
    expect(mine.mail.subject).toBe(`Kigali Trade Fair : votre badge ${mine.shown}`);
    expect(mine.mail.text).toContain(`Montrez le code ${mine.shown} à l’entrée de Kigali Trade Fair.`);
    expect(mine.mail.text).not.toContain('Présentez le code QR joint');
    expect(mine.mail.html).toContain('Montrez le code');
    expect(mine.mail.html).toContain('cid:');

    const theirs = await welcomeTo(otherDesk, otherExpo, 'amelie@other.test');
    expect(theirs.mail.subject).toBe(`Votre code pour Lagos Fair : ${theirs.shown}`);

    const reset = await fairDesk.delete(WELCOME_FR);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({
      edited: false,
      subject: 'Votre code pour {{exhibition}} : {{code}}',
    });
    const again = await welcomeTo(fairDesk, fairExpo, 'amelie2@fair.test');
    expect(again.mail.subject).toBe(`Votre code pour Kigali Trade Fair : ${again.shown}`);
  });
});
