/**
 * What the HTTP logger never writes: credentials in request headers, and secret-looking fields of
 * anything logged (an error's details, a body someone logs while debugging). Pino's `*` matches one
 * level, so the common places are listed; secret settings are sealed before they reach SQL and
 * presented as `{ set, last4 }` everywhere else, so they should never get here in the first place.
 */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'appSecret',
  'botToken',
  'webhookSecret',
  'secret',
  'secretKey',
  'apiKey',
  'clientSecret',
  'privateKey',
];

export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `err.details.*.${f}`]),
];
