import { type SmsAccepted, type SmsProvider, type SmsReport, SmsSendFailure } from './sms.provider.ts';

/**
 * Africa's Talking SMS (https://developers.africastalking.com/docs/sms/sending): a form-encoded POST
 * to `/version1/messaging` with `username`, `to`, `message` and `from`, the `apiKey` header, and a
 * JSON answer `SMSMessageData.Recipients[]` with `statusCode`, `messageId` and `cost` per number.
 * Recipient codes 100-102 took the message; 4xx refused it; 5xx are the provider's own faults.
 */
const ACCEPTED = new Set([100, 101, 102]);
/** Codes where this message to this number can never go out: retrying does nothing. */
const PERMANENT = new Set([403, 404, 406, 409]);
/** Delivery report statuses that are final (https://developers.africastalking.com/docs/sms/notifications). */
const DELIVERED = new Set(['Success']);
const FAILED = new Set(['Failed', 'Rejected', 'AbortedByUser']);

interface AtRecipient {
  statusCode?: number;
  number?: string;
  status?: string;
  cost?: string;
  messageId?: string;
}

/** "RWF 20.0000" → 20 RWF in minor units (RWF has none: 20); "KES 0.8000" → 80. */
export function costOf(text: string | undefined): SmsAccepted['cost'] {
  if (!text || text.trim() === '' || text === '0') return null;
  const m = /^([A-Z]{3})\s+(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) return { text, minor: null, currency: null };
  const currency = m[1]!;
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return { text, minor: Math.round(Number(m[2]) * 10 ** digits), currency };
}

async function readAnswer(res: Response): Promise<AtRecipient> {
  const text = await res.text();
  if (res.status >= 500)
    throw new SmsSendFailure(`Africa's Talking answered ${res.status}: ${text.slice(0, 200)}`, 'ambiguous', {
      status: res.status,
    });
  if (res.status >= 400)
    // 401 (wrong key or username) and 400 (bad sender id) are the account's, not this message's.
    throw new SmsSendFailure(
      `Africa's Talking refused the request (${res.status}): ${text.slice(0, 200)}`,
      'refused',
      { status: res.status, code: `http_${res.status}` },
    );
  let body: { SMSMessageData?: { Message?: string; Recipients?: AtRecipient[] } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new SmsSendFailure(`Africa's Talking answered no JSON: ${text.slice(0, 200)}`, 'ambiguous');
  }
  const recipient = body.SMSMessageData?.Recipients?.[0];
  if (!recipient)
    throw new SmsSendFailure(
      `Africa's Talking sent to nobody: ${body.SMSMessageData?.Message ?? 'no recipients'}`,
      'refused',
      { permanent: true, code: 'no_recipient' },
    );
  return recipient;
}

export const africasTalkingProvider: SmsProvider = {
  name: 'africastalking',
  async send(account, message, { signal }) {
    const form = new URLSearchParams({ username: account.username, to: message.to, message: message.text });
    if (account.senderId) form.set('from', account.senderId);
    let res: Response;
    try {
      res = await fetch(`${account.baseUrl.replace(/\/+$/, '')}/version1/messaging`, {
        method: 'POST',
        headers: {
          apiKey: account.apiKey,
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
        signal,
      });
    } catch (err) {
      // Refused before a byte left (no server there): nothing reached the phone.
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND')
        throw new SmsSendFailure(`Africa's Talking could not be reached: ${code}`, 'refused', { code });
      throw new SmsSendFailure(`no answer from Africa's Talking: ${(err as Error).message}`, 'ambiguous');
    }
    const recipient = await readAnswer(res);
    const statusCode = recipient.statusCode ?? 0;
    if (!ACCEPTED.has(statusCode) || !recipient.messageId || recipient.messageId === 'None') {
      const words = `${recipient.status ?? 'refused'} (${statusCode})`;
      if (statusCode >= 500)
        throw new SmsSendFailure(`Africa's Talking: ${words}`, 'ambiguous', { status: statusCode });
      throw new SmsSendFailure(`Africa's Talking refused the message: ${words}`, 'refused', {
        permanent: PERMANENT.has(statusCode),
        code: recipient.status ?? `status_${statusCode}`,
        status: statusCode,
      });
    }
    return {
      providerMessageId: recipient.messageId,
      providerStatus: recipient.status ?? 'Success',
      cost: costOf(recipient.cost),
    };
  },
  readReport(form): SmsReport | undefined {
    const id = form.id;
    const status = form.status;
    const phone = form.phoneNumber;
    if (typeof id !== 'string' || typeof status !== 'string' || typeof phone !== 'string') return undefined;
    if (id === '' || id.length > 200) return undefined;
    const state = DELIVERED.has(status) ? 'delivered' : FAILED.has(status) ? 'failed' : 'pending';
    const reason =
      typeof form.failureReason === 'string' && form.failureReason !== '' ? form.failureReason : null;
    return {
      providerMessageId: id,
      phone: phone.replace(/\s/g, ''),
      state,
      providerStatus: status.slice(0, 40),
      failureReason: reason,
    };
  },
};
