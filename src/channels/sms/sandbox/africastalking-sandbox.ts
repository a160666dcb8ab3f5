import { randomBytes } from 'node:crypto';
import { smsSegments } from '../../../core/notifications/index.ts';
import { createHeldReplies, createLoopbackApp, listenOnLoopback } from '../../../platform/loopback/index.ts';

/** One text the sandbox's network carried to a phone. */
export interface SandboxSms {
  messageId: string;
  /** The account that sent it (its `username`). */
  account: string;
  to: string;
  from: string | null;
  text: string;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  cost: string;
  at: string;
  /** What the network reported: `Success`, or `Failed` with a reason. */
  status: 'Sent' | 'Success' | 'Failed';
  failureReason: string | null;
}

/** One account on the API, with the callback URLs set on its dashboard (Africa's Talking has one set per account). */
export interface SandboxAccount {
  username: string;
  apiKey?: string;
  /** Where its delivery reports go (the app's `/webhooks/sms/africastalking/…/delivery`). */
  deliveryReportUrl?: () => string | undefined;
  /** Where the phones' answers (STOP) and its opt-out notices go (the app's `…/inbound`). */
  inboundUrl?: () => string | undefined;
}

export interface AfricasTalkingSandboxOptions extends Partial<SandboxAccount> {
  /** Per part, in the account's currency: `RWF 20`. */
  pricePerSegment?: { currency: string; amount: number };
}

export interface AfricasTalkingSandbox {
  url: string;
  /** The first account's (the deployment's, in `appEnv`). */
  username: string;
  apiKey: string;
  /** Opens another account on the same API (an organization's own), with its own callback URLs. */
  addAccount(account: SandboxAccount): { username: string; apiKey: string };
  /** The settings that point the SMS channel here. */
  appEnv(): Record<string, string>;
  /** Every text carried, newest first (the console's sandbox phone shows them). */
  received(): SandboxSms[];
  /** Texts carried to one phone, oldest first. */
  inbox(phone: string): SandboxSms[];
  /** Numbers ending so: the network reports the text `Failed` (a phone switched off for days). */
  failDeliveryTo(suffix: string, reason?: string): void;
  /**
   * The next sends get this answer instead: a recipient status code (403 InvalidPhoneNumber…), `hold`
   * (no answer, nothing carried), `carry-and-hold` (the text reaches the phone, the answer never comes),
   * `server-error` (an HTTP 500, nothing carried) or `carry-and-server-error` (the text reaches the
   * phone, then an HTTP 500).
   */
  answerNext(answer: SandboxAnswer, times?: number): void;
  /** The next send to `phone` gets this answer; sends to other phones (a resend racing it) do not. */
  answerNextTo(phone: string, answer: SandboxAnswer): void;
  /**
   * Delivery reports wait from now on until `releaseReports` (callbacks lagging behind the answers):
   * all of them, or with `phone` only that phone's.
   */
  holdReports(phone?: string): void;
  /** Posts the reports held back, in order, and stops holding them. */
  releaseReports(): Promise<void>;
  /** Posts the delivery report of `messageId` again (a provider retrying its callback). */
  reportAgain(messageId: string): Promise<number>;
  /**
   * The phone answers with a text (STOP) to `to` (the account's short code, `15051` unless given),
   * posted to the inbound URL of `account` (the first unless given). Answers the app's status.
   */
  reply(from: string, text: string, options?: { to?: string; account?: string }): Promise<number>;
  /** The phone opts out of a bulk sender id (Africa's Talking's opt-out notice: `senderId`, `phoneNumber`). */
  optOut(phone: string, senderId: string, account?: string): Promise<number>;
  /** Requests the sandbox received (what the real client sent). */
  requests: { path: string; body: unknown; headers: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** A fault the next send meets (`answerNext`). */
export type SandboxAnswer = number | 'hold' | 'carry-and-hold' | 'server-error' | 'carry-and-server-error';

const STATUS_WORDS: Record<number, string> = {
  401: 'RiskHold',
  402: 'InvalidSenderId',
  403: 'InvalidPhoneNumber',
  405: 'InsufficientBalance',
  406: 'UserInBlacklist',
  500: 'InternalServerError',
};

/** Posts a form to the app, as the account's callback does; answers the app's status (0: nobody there). */
async function post(url: string | undefined, form: Record<string, string>): Promise<number> {
  if (!url) return 0;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  }).catch(() => undefined);
  return res?.status ?? 0;
}

const reportOf = (sms: SandboxSms) => ({
  id: sms.messageId,
  status: sms.status,
  phoneNumber: sms.to,
  networkCode: '63510',
  retryCount: '0',
  ...(sms.failureReason ? { failureReason: sms.failureReason } : {}),
});

/** Delivery reports, posted at once or held back until released (callbacks lagging behind answers). */
function createReportLine() {
  /** `true`: every report waits; else the phones whose reports wait. */
  let holding: true | Set<string> = new Set();
  let held: (() => Promise<number>)[] = [];
  return {
    post(to: string, report: () => Promise<number>) {
      if (holding === true || holding.has(to)) held.push(report);
      else setImmediate(() => void report());
    },
    hold(phone?: string) {
      if (phone === undefined) holding = true;
      else if (holding !== true) holding.add(phone);
    },
    async release() {
      const waiting = held;
      held = [];
      holding = new Set();
      for (const report of waiting) await report();
    },
  };
}

/** The accounts on the API: the first (the options' own), and those `add` opens. */
function createAccounts(options: AfricasTalkingSandboxOptions) {
  const accounts = new Map<string, SandboxAccount & { apiKey: string }>();
  const add = (account: SandboxAccount) => {
    const apiKey = account.apiKey ?? `atsk_${randomBytes(24).toString('hex')}`;
    accounts.set(account.username, { ...account, apiKey });
    return { username: account.username, apiKey };
  };
  const first = add({ ...options, username: options.username ?? 'sandbox' });
  return {
    first,
    add,
    get: (name: string | undefined) => accounts.get(name ?? ''),
    named(name = first.username) {
      const account = accounts.get(name);
      if (!account) throw new Error(`the sandbox has no account ${name}`);
      return account;
    },
  };
}

/** One recipient of a send, as the API answers it (`101` carried, else a status code and its word). */
interface Recipient {
  statusCode: number;
  number: string;
  status: string;
  cost: string;
  messageId: string;
}

type Account = SandboxAccount & { apiKey: string };

/** The faults the next sends meet (`answerNext`, `answerNextTo`), a phone's own before everyone's. */
function createFaults() {
  const nextAnswers: SandboxAnswer[] = [];
  const nextAnswersTo = new Map<string, SandboxAnswer[]>();
  return {
    next: (to: string) => nextAnswersTo.get(to)?.shift() ?? nextAnswers.shift(),
    answerNext(answer: SandboxAnswer, times = 1) {
      for (let i = 0; i < times; i++) nextAnswers.push(answer);
    },
    answerNextTo(phone: string, answer: SandboxAnswer) {
      nextAnswersTo.set(phone, [...(nextAnswersTo.get(phone) ?? []), answer]);
    },
  };
}

/**
 * The network: the texts it carried (newest first, the last 2,000), the numbers whose delivery
 * fails, and each text's delivery report posted to its account's callback.
 */
function createNetwork(
  price: { currency: string; amount: number },
  reports: ReturnType<typeof createReportLine>,
) {
  const carried: SandboxSms[] = [];
  const failing: { suffix: string; reason: string }[] = [];
  return {
    carried,
    failDeliveryTo(suffix: string, reason: string) {
      failing.push({ suffix, reason });
    },
    /** Carries a text to one phone: its recipient entry, refused when the number is not one. */
    carry(account: Account, to: string, form: Record<string, string>): Recipient {
      if (!/^\+\d{6,15}$/.test(to))
        return { statusCode: 403, number: to, status: 'InvalidPhoneNumber', cost: '0', messageId: 'None' };
      const fit = smsSegments(form.message ?? '');
      const failure = failing.find((f) => to.endsWith(f.suffix));
      const sms: SandboxSms = {
        messageId: `ATXid_${randomBytes(16).toString('hex')}`,
        account: account.username,
        to,
        from: form.from ?? null,
        text: form.message ?? '',
        segments: fit.segments,
        encoding: fit.encoding,
        cost: `${price.currency} ${(price.amount * fit.segments).toFixed(4)}`,
        at: new Date().toISOString(),
        status: failure ? 'Failed' : 'Success',
        failureReason: failure?.reason ?? null,
      };
      carried.unshift(sms);
      if (carried.length > 2000) carried.pop();
      reports.post(to, () => post(account.deliveryReportUrl?.(), reportOf(sms)));
      return { statusCode: 101, number: to, status: 'Success', cost: sms.cost, messageId: sms.messageId };
    },
  };
}

/** A recipient refused with the status code a test asked for (`answerNext(403)`), nothing carried. */
const refusedRecipient = (to: string, statusCode: number): Recipient => ({
  statusCode,
  number: to,
  status: STATUS_WORDS[statusCode] ?? 'Failed',
  cost: '0',
  messageId: 'None',
});

/** `POST /version1/messaging`: the account checked, the fault met, each recipient carried or refused. */
function addMessagingRoute(
  app: ReturnType<typeof createLoopbackApp>['app'],
  parts: {
    accounts: ReturnType<typeof createAccounts>;
    faults: ReturnType<typeof createFaults>;
    network: ReturnType<typeof createNetwork>;
    held: ReturnType<typeof createHeldReplies>;
    price: { currency: string; amount: number };
  },
) {
  const { accounts, faults, network, held, price } = parts;
  app.post('/version1/messaging', async (req, reply) => {
    const form = (req.body ?? {}) as Record<string, string>;
    const account = accounts.get(form.username);
    if (!account || req.headers.apikey !== account.apiKey)
      return reply.status(401).type('text/plain').send('The supplied authentication is invalid');
    if (!form.to || form.message === undefined)
      return reply.status(400).type('text/plain').send("Request is missing required form field 'to'");
    const answer = faults.next(form.to);
    if (answer === 'hold') return held.hold(reply);
    if (answer === 'server-error') return reply.status(500).type('text/plain').send('Internal Server Error');
    const out = form.to
      .split(',')
      .map((to) => to.trim())
      .map((to) =>
        typeof answer === 'number' ? refusedRecipient(to, answer) : network.carry(account, to, form),
      );
    if (answer === 'carry-and-hold') return held.hold(reply);
    if (answer === 'carry-and-server-error')
      return reply.status(500).type('text/plain').send('Internal Server Error');
    const sent = out.filter((r) => r.statusCode === 101).length;
    const segments = smsSegments(form.message).segments;
    return reply.status(201).send({
      SMSMessageData: {
        Message: `Sent to ${sent}/${out.length} Total Cost: ${price.currency} ${(price.amount * segments * sent).toFixed(4)}`,
        Recipients: out,
      },
    });
  });
}

/**
 * Africa's Talking's SMS API on 127.0.0.1, in its wire format: `POST /version1/messaging` (form
 * `username`, `to`, `message`, `from`; `apiKey` header) answered 201 with `SMSMessageData.Recipients`,
 * then a delivery report POSTed form-encoded (`id`, `status`, `phoneNumber`, `networkCode`,
 * `failureReason`, `retryCount`) to the app, as the account's callback would.
 */
export async function startAfricasTalkingSandbox(
  options: AfricasTalkingSandboxOptions = {},
): Promise<AfricasTalkingSandbox> {
  const accounts = createAccounts(options);
  const { username, apiKey } = accounts.first;
  const price = options.pricePerSegment ?? { currency: 'RWF', amount: 20 };
  const { app, requests } = createLoopbackApp();
  const held = createHeldReplies();
  const faults = createFaults();
  const reports = createReportLine();
  const network = createNetwork(price, reports);
  const { carried } = network;
  addMessagingRoute(app, { accounts, faults, network, held, price });

  const url = await listenOnLoopback(app);
  return {
    url,
    username,
    apiKey,
    addAccount: accounts.add,
    appEnv: () => ({
      AFRICASTALKING_BASE_URL: url,
      AFRICASTALKING_USERNAME: username,
      AFRICASTALKING_API_KEY: apiKey,
    }),
    received: () => [...carried],
    inbox: (phone) => carried.filter((s) => s.to === phone).reverse(),
    failDeliveryTo: (suffix, reason = 'DeliveryFailure') => network.failDeliveryTo(suffix, reason),
    answerNext: faults.answerNext,
    answerNextTo: faults.answerNextTo,
    holdReports: reports.hold,
    releaseReports: reports.release,
    reportAgain: async (messageId) => {
      const sms = carried.find((s) => s.messageId === messageId);
      return sms ? post(accounts.named(sms.account).deliveryReportUrl?.(), reportOf(sms)) : 0;
    },
    reply: (from, text, { to = '15051', account } = {}) =>
      post(accounts.named(account).inboundUrl?.(), {
        from,
        to,
        text,
        date: new Date().toISOString(),
        id: randomBytes(8).toString('hex'),
        linkId: '',
        networkCode: '63510',
      }),
    optOut: (phone, senderId, account) =>
      post(accounts.named(account).inboundUrl?.(), { senderId, phoneNumber: phone }),
    requests: requests as AfricasTalkingSandbox['requests'],
    async close() {
      held.releaseAll();
      await app.close();
    },
  };
}
