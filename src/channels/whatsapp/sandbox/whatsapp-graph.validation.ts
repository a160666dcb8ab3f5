import { randomBytes } from 'node:crypto';

/** The Graph API error envelope: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message));
  }
  toJSON() {
    return { error: { ...this.error, fbtrace_id: `A${randomBytes(11).toString('base64url')}` } };
  }
}

const whatsappError = (code: number, message: string, details: string, status = 400) =>
  new GraphApiError(status, {
    message: `(#${code}) ${message}`,
    type: 'OAuthException',
    code,
    error_data: { messaging_product: 'whatsapp', details },
  });
/** Code 100: a parameter is missing or malformed. */
export const invalidParameter = (details: string) => whatsappError(100, 'Invalid parameter', details);
/** Code 131009: a parameter is present but out of the documented limits. */
export const invalidValue = (details: string) =>
  whatsappError(131009, 'Parameter value is not valid', details);
export const badToken = () =>
  new GraphApiError(401, {
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
    code: 190,
  });
export const unknownObject = (id: string, verb: 'get' | 'post') =>
  new GraphApiError(400, {
    message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
/** What a forced send failure (`failNextSends`) answers, by HTTP status. */
/**
 * Meta's pair rate limit (131056): too many messages to one person in a short time. Meta answers it
 * with HTTP 400; the number's other recipients are not affected.
 */
export const pairRateLimit = () =>
  whatsappError(
    131056,
    '(Business Account, Consumer Account) pair rate limit hit',
    'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  );

export function sendFailure(status: number): GraphApiError {
  if (status === 429)
    return whatsappError(130429, 'Rate limit hit', 'Cloud API message throughput reached', 429);
  if (status === 503)
    return whatsappError(131016, 'Service unavailable', 'A service is temporarily unavailable', 503);
  return whatsappError(131000, 'Something went wrong', 'Something went wrong', status);
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});

function required(value: unknown, path: string): void {
  if (value === undefined || value === null || value === '')
    throw whatsappError(100, `The parameter ${path} is required.`, `The parameter ${path} is required.`);
}
function length(value: unknown, path: string, label: string, min: number, max: number): void {
  if (min > 0) required(value, path);
  if (value === undefined) return;
  const text = String(value);
  if (text.length < min || text.length > max)
    throw invalidValue(`${label} length invalid. Min length: ${min}, Max length: ${max}`);
}

export interface OutboundContext {
  mediaExists(id: string): boolean;
  /** When set, template names outside this list fail with 132001 like an unapproved template. */
  templates?: string[];
}

/** Checks an outbound message against the documented Cloud API limits; throws GraphApiError when violated. */
export function validateOutboundMessage(body: Json, ctx: OutboundContext): void {
  if (body.messaging_product !== 'whatsapp') required(undefined, 'messaging_product');
  required(body.to, 'to');
  // Echoed in the message's status webhooks; Meta allows at most 512 characters.
  if (body.biz_opaque_callback_data !== undefined)
    length(body.biz_opaque_callback_data, 'biz_opaque_callback_data', 'Callback data', 1, 512);
  const type = String(body.type ?? 'text');
  switch (type) {
    case 'text':
      length(obj(body.text).body, "text['body']", 'Message body', 1, 4096);
      break;
    case 'interactive':
      validateInteractive(obj(body.interactive));
      break;
    case 'image':
    case 'document':
    case 'audio':
    case 'video':
    case 'sticker':
      validateMedia(type, obj(body[type]), ctx);
      break;
    case 'template':
      validateTemplate(obj(body.template), ctx);
      break;
    case 'reaction':
      required(obj(body.reaction).message_id, "reaction['message_id']");
      break;
    case 'location':
    case 'contacts':
      break;
    default:
      throw invalidParameter(
        `Param type must be one of {TEXT, IMAGE, DOCUMENT, AUDIO, VIDEO, STICKER, INTERACTIVE, TEMPLATE, REACTION, LOCATION, CONTACTS} - got "${type}".`,
      );
  }
}

function validateTemplate(template: Json, ctx: OutboundContext): void {
  required(template.name, "template['name']");
  required(obj(template.language).code, "template['language']['code']");
  if (ctx.templates && !ctx.templates.includes(String(template.name)))
    throw whatsappError(
      132001,
      'Template name does not exist in the translation',
      `template name (${template.name}) does not exist`,
      404,
    );
}

function validateMedia(type: string, media: Json, ctx: OutboundContext): void {
  const hasId = typeof media.id === 'string' && media.id !== '';
  const hasLink = typeof media.link === 'string' && media.link !== '';
  if (hasId === hasLink) throw invalidParameter(`Param ${type} must have exactly one of id or link.`);
  if (hasId && !ctx.mediaExists(String(media.id)))
    throw invalidParameter(
      `Param ${type}['id'] is not a valid WhatsApp Business Account media attachment ID.`,
    );
  if (hasLink && !/^https?:\/\//.test(String(media.link)))
    throw invalidParameter(`Param ${type}['link'] must be a URL.`);
  if (media.caption !== undefined) length(media.caption, `${type}['caption']`, 'Caption', 0, 1024);
}

function validateInteractive(interactive: Json): void {
  const kind = String(interactive.type ?? '');
  required(interactive.type, "interactive['type']");
  length(obj(interactive.body).text, "interactive['body']['text']", 'Body text', 1, 1024);
  if (interactive.footer !== undefined)
    length(obj(interactive.footer).text, "interactive['footer']['text']", 'Footer text', 1, 60);
  const header = interactive.header === undefined ? undefined : obj(interactive.header);
  if (header?.type === 'text') length(header.text, "interactive['header']['text']", 'Header text', 1, 60);
  const action = obj(interactive.action);
  if (kind === 'button') {
    const buttons = Array.isArray(action.buttons) ? action.buttons.map(obj) : [];
    if (buttons.length < 1 || buttons.length > 3)
      throw invalidValue('Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3');
    for (const button of buttons) {
      if (button.type !== 'reply')
        throw invalidParameter("Param interactive['action']['buttons'][0]['type'] must be reply");
      length(obj(button.reply).id, "button['reply']['id']", 'Button id', 1, 256);
      length(obj(button.reply).title, "button['reply']['title']", 'Button title', 1, 20);
    }
    const ids = buttons.map((b) => obj(b.reply).id);
    if (new Set(ids).size !== ids.length) throw invalidValue('Duplicate buttons ids');
    return;
  }
  if (kind === 'list') {
    if (header && header.type !== 'text') throw invalidValue('Header type must be text for list messages');
    length(action.button, "interactive['action']['button']", 'Button text', 1, 20);
    const sections = Array.isArray(action.sections) ? action.sections.map(obj) : [];
    if (sections.length < 1 || sections.length > 10)
      throw invalidValue('Invalid sections count. Min allowed sections: 1, Max allowed sections: 10');
    const rows = sections.flatMap((s) => (Array.isArray(s.rows) ? s.rows.map(obj) : []));
    if (rows.length < 1 || rows.length > 10)
      throw invalidValue('Total row count exceed max allowed count: 10');
    for (const section of sections) {
      if (sections.length > 1) length(section.title, "section['title']", 'Section title', 1, 24);
      else if (section.title !== undefined) length(section.title, "section['title']", 'Section title', 0, 24);
    }
    for (const row of rows) {
      length(row.id, "row['id']", 'Row id', 1, 200);
      length(row.title, "row['title']", 'Row title', 1, 24);
      if (row.description !== undefined)
        length(row.description, "row['description']", 'Row description', 0, 72);
    }
    const ids = rows.map((r) => r.id);
    if (new Set(ids).size !== ids.length) throw invalidValue('Duplicate row ids');
    return;
  }
  if (kind !== 'cta_url' && kind !== 'product' && kind !== 'product_list' && kind !== 'flow')
    throw invalidParameter(`Invalid interactive type: ${kind}`);
}
