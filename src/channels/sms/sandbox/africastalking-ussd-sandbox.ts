import { randomBytes } from 'node:crypto';
import { smsSegments } from '../../../core/notifications/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';

/** What a handset shows of one screen: Africa's Talking carries at most 182 characters (issue 65). */
export const USSD_SCREEN_CHARACTERS = 182;

/**
 * Why a session ended: the service answered `END`, the person cancelled, or the gateway gave up
 * (no answer in time, an answer without `CON`/`END` or not 200, a phone idle past the network's limit).
 */
export type UssdSessionEnd = 'service' | 'cancelled' | 'no_answer' | 'bad_answer' | 'idle';

/** One USSD session as the phone on the sandbox's network sees it. */
export interface UssdGatewaySession {
  /** Africa's Talking's id (`ATUid_…`), new for every dial. */
  sessionId: string;
  phoneNumber: string;
  serviceCode: string;
  /** What the phone shows now: the service's answer without its `CON`/`END` word. */
  screen: string;
  /** The answer was longer than a handset shows: the screen is cut at `USSD_SCREEN_CHARACTERS`. */
  cut: boolean;
  /** GSM-7 when a basic handset shows every character; UCS-2 when some need the wider alphabet. */
  encoding: 'GSM-7' | 'UCS-2';
  status: 'open' | 'ended';
  endedBy: UssdSessionEnd | null;
  /** The inputs so far, joined as the gateway posts them (`1*KGL-0001*1000`). */
  text: string;
  /** Who dialed (the console's organization): a session is answered to its owner only. */
  owner: string;
}

export interface AfricasTalkingUssdGateway {
  /** Dials `serviceCode` from `phoneNumber`: a new session, its first screen asked of `callbackUrl`. */
  dial(call: {
    callbackUrl: string;
    phoneNumber: string;
    serviceCode: string;
    owner: string;
  }): Promise<UssdGatewaySession>;
  /** The person sends `input` on an open session; the next screen. */
  reply(session: UssdGatewaySession, input: string): Promise<UssdGatewaySession>;
  /** The person presses Cancel: the session ends, nothing is posted (the service learns nothing). */
  cancel(session: UssdGatewaySession): UssdGatewaySession;
  /** A session by its id, if the gateway still holds it. */
  session(sessionId: string): UssdGatewaySession | undefined;
  /** The forms the gateway posted (what the real gateway would send), oldest first. */
  posts: { url: string; form: Record<string, string> }[];
}

export interface UssdGatewayOptions {
  clock: Clock;
  /** How long the gateway waits for a screen before it drops the session (Africa's Talking: a few seconds). */
  answerTimeoutMs?: number;
  /** A session with no input for this long is over when the person next sends (the network's idle limit). */
  idleMs?: number;
  /** The network the phones are on (`63510`: MTN Rwanda). */
  networkCode?: string;
}

/** Sessions kept for the console's phone (a long demo keeps memory bounded). */
const KEPT = 500;
const ANSWER = /^(CON|END) ?([\s\S]*)$/;
/** A session as the gateway holds it: where it posts, and the inputs it joins. */
type Held = UssdGatewaySession & { callbackUrl: string; inputs: string[]; at: number };

/** The screen a phone shows for one answer: the word read, the rest cut to what a handset shows. */
function screenOf(body: string): { screen: string; cut: boolean; ends: boolean } | undefined {
  const match = ANSWER.exec(body);
  if (!match) return undefined;
  const text = match[2] ?? '';
  const cut = [...text].length > USSD_SCREEN_CHARACTERS;
  return {
    screen: cut ? [...text].slice(0, USSD_SCREEN_CHARACTERS).join('') : text,
    cut,
    ends: match[1] === 'END',
  };
}

/** A session over: by the service's `END`, the person's Cancel, or the gateway. */
function end(session: Held, endedBy: UssdSessionEnd): Held {
  session.status = 'ended';
  session.endedBy = endedBy;
  return session;
}

/** What the gateway shows of a session the console reads: not where it posts. */
function publicOf(held: Held): UssdGatewaySession {
  const { callbackUrl: _url, inputs: _inputs, at: _at, ...shown } = held;
  return shown;
}

interface Network {
  clock: Clock;
  answerTimeoutMs: number;
  networkCode: string;
  posts: AfricasTalkingUssdGateway['posts'];
}

/** Posts a session's next screen request, as the gateway does, and shows the answer (or gives up). */
async function askScreen(network: Network, session: Held): Promise<Held> {
  const form = {
    sessionId: session.sessionId,
    serviceCode: session.serviceCode,
    phoneNumber: session.phoneNumber,
    networkCode: network.networkCode,
    text: session.inputs.join('*'),
  };
  network.posts.push({ url: session.callbackUrl, form });
  if (network.posts.length > KEPT * 8) network.posts.splice(0, network.posts.length - KEPT * 8);
  session.text = form.text;
  const res = await fetch(session.callbackUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(network.answerTimeoutMs),
  }).catch(() => undefined);
  session.at = network.clock.now().getTime();
  const shown = res?.status === 200 ? screenOf(await res.text().catch(() => '')) : undefined;
  if (!shown) {
    Object.assign(session, { screen: '', cut: false });
    return end(session, res ? 'bad_answer' : 'no_answer');
  }
  Object.assign(session, {
    screen: shown.screen,
    cut: shown.cut,
    encoding: smsSegments(shown.screen).encoding,
  });
  return shown.ends ? end(session, 'service') : session;
}

/**
 * Africa's Talking's USSD gateway, as the sandbox's network: a phone dials a service code and the
 * gateway POSTs each screen to the service's callback URL in Africa's Talking's form
 * (`sessionId`, `serviceCode`, `phoneNumber`, `networkCode`, `text`: every input of the session so
 * far joined by `*`, empty on the first screen), then shows the body's `CON` screen (awaiting a reply)
 * or `END` screen (the session is over). https://developers.africastalking.com/docs/ussd/overview
 */
export function createAfricasTalkingUssdGateway(options: UssdGatewayOptions): AfricasTalkingUssdGateway {
  const { clock } = options;
  const idleMs = options.idleMs ?? 180_000;
  const network: Network = {
    clock,
    answerTimeoutMs: options.answerTimeoutMs ?? 10_000,
    networkCode: options.networkCode ?? '63510',
    posts: [],
  };
  const sessions = new Map<string, Held>();
  return {
    posts: network.posts,
    async dial({ callbackUrl, phoneNumber, serviceCode, owner }) {
      const session: Held = {
        sessionId: `ATUid_${randomBytes(16).toString('hex')}`,
        phoneNumber,
        serviceCode,
        screen: '',
        cut: false,
        encoding: 'GSM-7',
        status: 'open',
        endedBy: null,
        text: '',
        owner,
        callbackUrl,
        inputs: [],
        at: clock.now().getTime(),
      };
      sessions.set(session.sessionId, session);
      if (sessions.size > KEPT) sessions.delete(sessions.keys().next().value as string);
      return publicOf(await askScreen(network, session));
    },
    async reply(shown, input) {
      const session = sessions.get(shown.sessionId);
      if (session?.status !== 'open') return shown;
      if (clock.now().getTime() - session.at > idleMs) return publicOf(end(session, 'idle'));
      session.inputs.push(input);
      return publicOf(await askScreen(network, session));
    },
    cancel(shown) {
      const session = sessions.get(shown.sessionId);
      return session?.status === 'open' ? publicOf(end(session, 'cancelled')) : shown;
    },
    session(sessionId) {
      const session = sessions.get(sessionId);
      return session ? publicOf(session) : undefined;
    },
  };
}
