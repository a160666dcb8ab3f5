import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo-seed.ts';

/*
 * The simulator talks through the played WhatsApp and Telegram (issue 27): what it types is posted
 * to the app's own webhooks, the real channel code answers through the sandbox's Graph and Bot API,
 * and what the system sends on its own reaches the same chat.
 */
vi.setConfig({ testTimeout: 60_000 });

let app: TestApp;
let raffleDesk: ApiClient;
let messDesk: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_SANDBOX: 'true' } });
  await seedDemo(app);
  raffleDesk = await app.signIn('ops@demo.opsdesk.dev', DEMO_PASSWORD, 'raffle');
  messDesk = await app.signIn('ops@demo.opsdesk.dev', DEMO_PASSWORD, 'mess');
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: payloads of every kind, read as the console reads them
type Entry = { id: string; direction: 'in' | 'out'; payload: Record<string, any>; url?: string };
/** Each business's desk: the raffle runs on WhatsApp, the mess on Telegram. */
const desk = (flow: string) => (flow === 'mess' ? messDesk : raffleDesk);
const chat = async (flow: string, contact: string) =>
  (await desk(flow).get(`/api/sandbox/chats/${flow}/${contact}`)).json() as {
    channel: string | null;
    address: string | null;
    messages: Entry[];
  };
const say = async (flow: string, contact: string, input: Record<string, unknown>) => {
  const res = await desk(flow).post(`/api/sandbox/chats/${flow}/${contact}`, input);
  expect(res.statusCode, res.body).toBe(202);
};
const outAfter = async (flow: string, contact: string, count: number) =>
  eventually(async () => {
    const c = await chat(flow, contact);
    const out = c.messages.filter((m) => m.direction === 'out');
    return out.length >= count ? c : undefined;
  });

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const lastOut = (c: { messages: Entry[] }) => c.messages.filter((m) => m.direction === 'out').at(-1)!;
const textOf = (e: Entry) => String(e.payload.text ?? e.payload.caption ?? e.payload.fallbackText ?? '');
/** Says something and waits for the answer that follows it. */
async function exchange(flow: string, contact: string, input: Record<string, unknown>) {
  const before = (await chat(flow, contact)).messages.filter((m) => m.direction === 'out').length;
  await say(flow, contact, input);
  return lastOut(await outAfter(flow, contact, before + 1));
}

describe('the simulator on the played chats', () => {
  it('gives each organization its own claimed sandbox number and bot', async () => {
    const raffle = (await raffleDesk.get('/api/org')).json().settings;
    const mess = (await messDesk.get('/api/org')).json().settings;
    expect(raffle.whatsapp.phoneNumberId).toMatch(/^1555\d{11}$/);
    expect(mess.whatsapp.phoneNumberId).toMatch(/^1555\d{11}$/);
    expect(raffle.whatsapp.phoneNumberId).not.toBe(mess.whatsapp.phoneNumberId);
    // The bot's token is sealed like any saved token: shown as set, never in clear.
    expect(JSON.stringify(mess.telegram)).not.toMatch(/\d{10}:AA/);
    // A flow the organization does not run is not played there.
    expect((await messDesk.get('/api/sandbox/chats/raffle/sim-x')).json().channel).toBeNull();
    expect((await raffleDesk.get('/api/sandbox')).json().services).toEqual([
      'momo',
      'airtel',
      'email',
      'sms',
      'whatsapp',
      'telegram',
    ]);
  });

  it('sells a raffle ticket on WhatsApp with buttons, and the confirmation the desk triggers arrives in the same chat', async () => {
    const u = 'sim-raffle-buyer';
    const before = await chat('raffle', u);
    expect(before).toMatchObject({ channel: 'whatsapp', messages: [] });
    expect(before.address).toMatch(/^\+1555\d{7}$/);
    const welcome = await exchange('raffle', u, { kind: 'text', text: 'hola' });
    expect(welcome.payload.kind).toBe('buttons');
    expect(welcome.payload.buttons.map((b: { id: string }) => b.id)).toContain('raffles');
    // A tap goes back as Meta's button_reply, to the message that offered it.
    const list = await exchange('raffle', u, { kind: 'choice', id: 'raffles' });
    expect(textOf(list) + JSON.stringify(list.payload)).toMatch(/Rifa|rifa/);
    await exchange('raffle', u, { kind: 'text', text: '1' });
    const summary = await exchange('raffle', u, { kind: 'text', text: 'aleatorio 2' });
    expect(textOf(summary)).toMatch(/Pedido creado/);
    const pay = await exchange('raffle', u, { kind: 'text', text: 'confirmar' });
    expect(textOf(pay)).toMatch(/comprobante/);
    const review = await exchange('raffle', u, {
      kind: 'media',
      mediaKind: 'photo',
      mime: 'image/png',
      fileName: 'proof.png',
      dataBase64: PNG_1X1.toString('base64'),
    });
    expect(textOf(review)).toMatch(/revisión/);
    const orders = (await raffleDesk.get('/api/raffle/orders?status=pending_payment&perPage=100')).json();
    const items = orders.items as Array<{ id: string; status: string }>;
    const confirmedBefore = (await chat('raffle', u)).messages.length;
    let confirmedOne = false;
    for (const order of items) {
      const res = await raffleDesk.post(`/api/raffle/orders/${order.id}/confirm`);
      if (res.statusCode === 200) confirmedOne = true;
    }
    expect(confirmedOne).toBe(true);
    // Sent by the system on its own (a notification), it lands in the same chat.
    const confirmation = await eventually(async () => {
      const c = await chat('raffle', u);
      return c.messages.slice(confirmedBefore).find((m) => /Pago confirmado/.test(textOf(m)));
    });
    expect(confirmation).toMatchObject({ direction: 'out', payload: { kind: 'text' } });
  });

  it('registers a mess student on Telegram, and the approval arrives with the QR pass', async () => {
    const u = 'sim-mess-student';
    expect((await chat('mess', u)).channel).toBe('telegram');
    expect(textOf(await exchange('mess', u, { kind: 'text', text: '/start' }))).toMatch(/full name/);
    await exchange('mess', u, { kind: 'text', text: 'Asha Verma' });
    await exchange('mess', u, { kind: 'text', text: 'SBX4242' });
    await exchange('mess', u, { kind: 'text', text: 'B-12' });
    const card = await exchange('mess', u, { kind: 'text', text: '+919812345678' });
    expect(card.payload.kind).toBe('buttons');
    // The tap is a callback query on the card's inline keyboard.
    expect(textOf(await exchange('mess', u, { kind: 'choice', id: 'confirm' }))).toMatch(/Asha Verma/);
    const students = (await messDesk.get('/api/mess/students?q=SBX4242')).json();
    const student = (students.items ?? students).find(
      (s: { rollNumber: string }) => s.rollNumber === 'SBX4242',
    );
    const approved = await messDesk.post('/api/mess/students/actions/approve', { ids: [student.id] });
    expect(approved.statusCode, approved.body).toBeLessThan(300);
    const pass = await eventually(async () =>
      (await chat('mess', u)).messages.find((m) => m.direction === 'out' && m.payload.kind === 'image'),
    );
    expect(textOf(pass)).toMatch(/approved/);
    const image = await messDesk.get(pass.url!);
    // Another organization cannot read this organization's picture.
    expect((await raffleDesk.get(pass.url!)).statusCode).toBe(404);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });
});
