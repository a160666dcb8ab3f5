import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCallbackRecorder } from '../../../../test/standins/callback-recorder.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { startWhatsAppStandin, type WhatsAppStandin } from './whatsapp-graph.ts';

const USER = '250788123456';

interface GraphAnswer {
  error: { code: number; type: string; error_data: { details: string } };
  messages: { id: string }[];
}
interface InboundValue {
  metadata: { phone_number_id: string };
  messages: ({ image: { id: string }; interactive: unknown } & Record<string, unknown>)[];
  statuses: { errors: { code: number }[] }[];
}
const changeValue = (payload: unknown) =>
  (payload as { entry: { changes: { value: InboundValue }[] }[] }).entry[0]!.changes[0]!.value;

describe('WhatsApp Cloud API stand-in', () => {
  let wa: WhatsAppStandin;
  let send: (body: unknown, token?: string) => Promise<{ status: number; json: GraphAnswer }>;
  beforeEach(async () => {
    wa = await startWhatsAppStandin();
    send = async (body, token = wa.accessToken) => {
      const response = await fetch(`${wa.url}/v25.0/${wa.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as GraphAnswer };
    };
  });
  afterEach(() => wa.close());

  const text = (body: string) => ({ messaging_product: 'whatsapp', to: USER, type: 'text', text: { body } });
  const buttons = (...titles: string[]) => ({
    messaging_product: 'whatsapp',
    to: USER,
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: 'Choose' },
      action: { buttons: titles.map((title, i) => ({ type: 'reply', reply: { id: `b${i}`, title } })) },
    },
  });
  const list = (rows: { id: string; title: string; description?: string }[]) => ({
    messaging_product: 'whatsapp',
    to: USER,
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: 'Pick' },
      action: { button: 'Menu', sections: [{ title: 'Dishes', rows }] },
    },
  });

  it('accepts a text message and answers with contacts and a wamid', async () => {
    const { status, json } = await send(text('Hello'));
    expect(status).toBe(200);
    expect(json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: USER, wa_id: USER }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    expect(wa.sentMessages(USER)[0]).toMatchObject({
      id: json.messages[0]?.id,
      type: 'text',
      body: text('Hello'),
    });
  });

  it('answers 401 with an OAuthException code 190 for a bad token', async () => {
    const { status, json } = await send(text('Hello'), 'nope');
    expect(status).toBe(401);
    expect(json.error).toMatchObject({ type: 'OAuthException', code: 190 });
    expect(wa.sentMessages()).toHaveLength(0);
  });

  it('enforces reply-button limits: at most 3 buttons, titles of at most 20 characters', async () => {
    expect((await send(buttons('Yes', 'No', 'Later'))).status).toBe(200);
    const tooMany = await send(buttons('a', 'b', 'c', 'd'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error).toMatchObject({
      type: 'OAuthException',
      code: 131009,
      error_data: { details: expect.any(String) },
    });
    const longTitle = await send(buttons('x'.repeat(21)));
    expect(longTitle.json.error.error_data.details).toBe(
      'Button title length invalid. Min length: 1, Max length: 20',
    );
  });

  it('enforces list limits: 10 rows in total, row title 24 and description 72 characters', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    expect((await send(list(rows(10)))).status).toBe(200);
    expect((await send(list(rows(11)))).json.error.code).toBe(131009);
    expect((await send(list([{ id: 'r', title: 'x'.repeat(25) }]))).status).toBe(400);
    expect((await send(list([{ id: 'r', title: 'ok', description: 'd'.repeat(73) }]))).status).toBe(400);
  });

  it('rejects a text without body with code 100', async () => {
    const { status, json } = await send({ messaging_product: 'whatsapp', to: USER, type: 'text', text: {} });
    expect(status).toBe(400);
    expect(json.error.code).toBe(100);
  });

  it('uploads media, sends it by id, and serves it by the two-step authenticated download', async () => {
    const bytes = Buffer.from('%PDF-1.4 menu');
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'application/pdf');
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'menu.pdf');
    const auth = { authorization: `Bearer ${wa.accessToken}` };
    const upload = await fetch(`${wa.url}/v25.0/${wa.phoneNumberId}/media`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect(upload.status).toBe(200);
    const { id } = (await upload.json()) as { id: string };
    const sendDoc = {
      messaging_product: 'whatsapp',
      to: USER,
      type: 'document',
      document: { id, filename: 'menu.pdf' },
    };
    expect((await send(sendDoc)).status).toBe(200);
    expect((await send({ ...sendDoc, document: { id: '404' } })).status).toBe(400);

    const meta = (await (await fetch(`${wa.url}/v25.0/${id}`, { headers: auth })).json()) as {
      url: string;
      sha256: string;
    };
    expect(meta).toMatchObject({
      messaging_product: 'whatsapp',
      mime_type: 'application/pdf',
      file_size: bytes.length,
      id,
    });
    expect((await fetch(meta.url)).status).toBe(401);
    const download = Buffer.from(await (await fetch(meta.url, { headers: auth })).arrayBuffer());
    expect(download).toEqual(bytes);
    expect(createHash('sha256').update(download).digest('hex')).toBe(meta.sha256);
  });

  it('fails the next sends with Graph errors so retries can be tested', async () => {
    wa.failNextSends(2, 429);
    expect((await send(text('a'))).json.error.code).toBe(130429);
    expect((await send(text('a'))).status).toBe(429);
    expect((await send(text('a'))).status).toBe(200);
  });

  it("reports each accepted message's sent status with its callback data, retrying while the app fails", async () => {
    let answers = 0;
    const app = await startCallbackRecorder(() => (++answers === 1 ? 503 : 200));
    try {
      wa.reportStatusesTo({ to: app.url, appSecret: 'standin-secret' });
      const sent = await send({ ...text('hello'), biz_opaque_callback_data: 'our-message-7' });
      expect((await send({ ...text('x'), biz_opaque_callback_data: 'y'.repeat(513) })).status).toBe(400);
      await eventually(() => app.calls.length >= 2, { what: 'the status report after one refusal' });
      const [refused, report] = app.calls;
      expect(report!.rawBody).toBe(refused!.rawBody);
      const expected = createHmac('sha256', 'standin-secret').update(report!.rawBody).digest('hex');
      expect(report!.headers['x-hub-signature-256']).toBe(`sha256=${expected}`);
      expect(JSON.parse(report!.rawBody).entry[0].changes[0].value.statuses).toEqual([
        expect.objectContaining({
          id: sent.json.messages[0]!.id,
          status: 'sent',
          recipient_id: USER,
          biz_opaque_callback_data: 'our-message-7',
        }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('signs webhooks with X-Hub-Signature-256 over the raw body, as Meta does', async () => {
    const received: { signature?: string; raw: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          signature: req.headers['x-hub-signature-256'] as string,
          raw: Buffer.concat(chunks).toString(),
        });
        res.end('EVENT_RECEIVED');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
    try {
      const payload = wa.textMessage({ from: USER, text: 'Hi', name: 'Aline' });
      const result = await wa.deliverWebhook({ to: hook, appSecret: 'app-secret', payload });
      expect(result).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
      const { signature, raw } = received[0]!;
      const expected = `sha256=${createHmac('sha256', 'app-secret').update(raw).digest('hex')}`;
      expect(timingSafeEqual(Buffer.from(signature!), Buffer.from(expected))).toBe(true);
      const value = changeValue(JSON.parse(raw));
      expect(value.metadata.phone_number_id).toBe(wa.phoneNumberId);
      expect(value.messages[0]).toMatchObject({ from: USER, type: 'text', text: { body: 'Hi' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('builds inbound image and interactive envelopes whose media can be downloaded', async () => {
    const message = changeValue(
      wa.imageMessage({ from: USER, bytes: Buffer.from('jpeg'), caption: 'receipt' }),
    ).messages[0]!;
    expect(message).toMatchObject({ type: 'image', image: { mime_type: 'image/jpeg', caption: 'receipt' } });
    expect(wa.mediaBytes(message.image.id)).toEqual(Buffer.from('jpeg'));
    const reply = changeValue(wa.buttonReply({ from: USER, buttonId: 'approve', title: 'Approve' }));
    expect(reply.messages[0]?.interactive).toEqual({
      type: 'button_reply',
      button_reply: { id: 'approve', title: 'Approve' },
    });
    const status = changeValue(wa.statusUpdate({ id: 'wamid.x', status: 'failed', recipientId: USER }));
    expect(status.statuses[0]?.errors[0]?.code).toBe(131026);
  });
});
