import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { fixedClock } from '../../platform/clock/index.ts';

const clock = fixedClock(new Date());
let app: TestApp;
let ops: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ modules: [...TEST_MODULES, menuTestModule], clock });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  await app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
  ops = await app.signIn('ops@example.com');
});
afterAll(() => app.close());

type Reply = {
  payload: { kind: string; text?: string; buttons?: Array<{ id: string }>; rows?: Array<{ id: string }> };
};
const say = async (contactKey: string, input: unknown) => {
  const res = await ops.post('/api/conversations/simulator/messages', {
    flow: 'menu-test',
    contactKey,
    input,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { conversation: { id: string; state: string; language: string }; replies: Reply[] };
};
const texts = (r: { replies: Reply[] }) => r.replies.map((m) => m.payload.text);

describe('conversation engine (simulator)', () => {
  it('runs menu → pick → confirm and stores every message in order', async () => {
    const first = await say('alice', { kind: 'text', text: 'hello' });
    expect(first.conversation.state).toBe('pick');
    expect(first.replies[0]!.payload).toMatchObject({ kind: 'list', text: 'What would you like to drink?' });
    expect(first.replies[0]!.payload.rows!.map((r) => r.id)).toEqual(['coffee', 'tea', 'juice']);

    const picked = await say('alice', { kind: 'choice', id: 'tea' });
    expect(picked.conversation.state).toBe('confirm');
    expect(picked.replies[0]!.payload.buttons!.map((b) => b.id)).toEqual(['confirm', 'cancel']);

    const done = await say('alice', { kind: 'choice', id: 'confirm' });
    expect(texts(done)).toEqual(['Ordered: Tea. Thank you!']);
    expect(done.conversation.state).toBe('menu');

    const history = await ops.get('/api/conversations/simulator/alice');
    const messages = history.json().messages as Array<{ direction: string; status: string; seq: number }>;
    expect(messages.map((m) => m.direction)).toEqual(['in', 'out', 'in', 'out', 'in', 'out']);
    expect(messages.every((m) => m.status === 'processed' || m.status === 'sent')).toBe(true);
    const viaList = await ops.get(`/api/conversations/${done.conversation.id}/messages`);
    expect(viaList.json()).toHaveLength(6);
  });

  it('gives a typed keyword and a button tap to the same handler', async () => {
    for (const [key, input] of [
      ['typed', { kind: 'text', text: 'Confirm!' }],
      ['tapped', { kind: 'choice', id: 'confirm' }],
    ] as const) {
      await say(key, { kind: 'text', text: 'hi' });
      await say(key, { kind: 'text', text: 'coffee' });
      expect(texts(await say(key, input))).toEqual(['Ordered: Coffee. Thank you!']);
    }
  });

  it('starts over after the idle timeout, saying so', async () => {
    await say('idle', { kind: 'text', text: 'hi' });
    await say('idle', { kind: 'choice', id: 'juice' });
    clock.advance(31 * 60_000);
    const back = await say('idle', { kind: 'choice', id: 'confirm' });
    expect(texts(back)[0]).toBe('It has been a while, so we are starting over.');
    expect(back.conversation.state).toBe('pick');
  });

  it('switches language from any state and keeps it', async () => {
    await say('lang', { kind: 'text', text: 'hi' });
    await say('lang', { kind: 'choice', id: 'coffee' });
    const menu = await say('lang', { kind: 'text', text: 'idioma' });
    expect(menu.replies[0]!.payload.buttons!.map((b) => b.id)).toEqual(['lang:en', 'lang:es']);
    const set = await say('lang', { kind: 'text', text: 'Español' });
    expect(texts(set)).toEqual(['Desde ahora hablaré en español.', '¿Confirmas un Café?']);
    expect(set.conversation).toMatchObject({ language: 'es', state: 'confirm' });
    expect(texts(await say('lang', { kind: 'text', text: 'confirmar' }))).toEqual([
      'Pedido: Café. ¡Gracias!',
    ]);
    expect(texts(await say('lang', { kind: 'text', text: 'hola' }))).toEqual(['¿Qué te gustaría beber?']);
  });

  it('holds messages while staff have taken over, and answers again after release', async () => {
    const start = await say('handoff', { kind: 'text', text: 'hi' });
    const id = start.conversation.id;
    const paused = await ops.post(`/api/conversations/${id}/handoff`);
    expect(paused.json()).toMatchObject({ paused: true, pausedBy: 'ops@example.com' });
    const held = await say('handoff', { kind: 'choice', id: 'tea' });
    expect(held.replies).toEqual([]);
    const staff = await ops.post(`/api/conversations/${id}/messages`, {
      text: 'Hi, this is Ana from the counter.',
    });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json()).toMatchObject({ direction: 'out', status: 'sent', sentBy: 'ops@example.com' });

    expect((await ops.post(`/api/conversations/${id}/release`)).json()).toMatchObject({ paused: false });
    expect((await say('handoff', { kind: 'choice', id: 'tea' })).conversation.state).toBe('confirm');
    const messages = (await ops.get(`/api/conversations/${id}/messages`)).json() as Array<{ status: string }>;
    expect(messages.map((m) => m.status)).toContain('held');
    const listed = await ops.get('/api/conversations?channel=simulator');
    expect(listed.json().some((c: { id: string }) => c.id === id)).toBe(true);
  });

  it('hands media to the flow with a loader that gives the bytes', async () => {
    const bytes = Buffer.from('%PDF-1.4 a payment receipt');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const r = await say('media', {
      kind: 'media',
      mediaKind: 'document',
      fileName: 'receipt.pdf',
      mime: 'application/pdf',
      dataBase64: bytes.toString('base64'),
    });
    expect(texts(r)).toEqual([`Got receipt.pdf: ${bytes.length} bytes, sha256 ${sha}.`]);
  });

  it('refuses the simulator to viewers and unknown flows', async () => {
    const viewer = await app.signIn('viewer@example.com');
    const res = await viewer.post('/api/conversations/simulator/messages', {
      flow: 'menu-test',
      contactKey: 'v',
      input: { kind: 'text', text: 'hi' },
    });
    expect(res.statusCode).toBe(403);
    const unknown = await ops.post('/api/conversations/simulator/messages', {
      flow: 'nope',
      contactKey: 'v',
      input: { kind: 'text', text: 'hi' },
    });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'conversations.flow_not_found' });
    expect((await ops.get('/api/conversations/simulator/nobody-yet')).json()).toMatchObject({
      status: 404,
      code: 'conversations.conversation_not_found',
    });
  });
});
