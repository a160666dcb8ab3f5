import { verify } from 'node:crypto';

export interface ServiceAccount {
  clientEmail: string;
  publicKeyPem: string;
}
export interface TokenGrant {
  clientEmail: string;
  scopes: string[];
  expiresAt: number;
}
export type TokenExchange =
  | { grant: TokenGrant; expiresIn: number }
  | { httpStatus: number; error: { error: string; error_description: string } };

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const refuse = (error: string, description: string, httpStatus = 400): TokenExchange => ({
  httpStatus,
  error: { error, error_description: description },
});
const decodeJson = (part: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/**
 * The service-account flow of Google's token endpoint (RFC 7523): checks the RS256 signature against the
 * registered public key, then `iss`, `aud`, `scope` and the one-hour `iat`/`exp` window; error texts are Google's.
 */
export function exchangeJwtAssertion(
  form: Record<string, string>,
  ctx: { accounts: Map<string, ServiceAccount>; audiences: string[]; ttlSeconds: number },
): TokenExchange {
  if (form.grant_type !== JWT_BEARER)
    return refuse('unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  const [header, payload, signature, extra] = String(form.assertion ?? '').split('.');
  const head = header ? decodeJson(header) : undefined;
  const claims = payload ? decodeJson(payload) : undefined;
  if (!head || !claims || signature === undefined || extra !== undefined)
    return refuse('invalid_request', 'Invalid JWT: the assertion is not a valid JWT.');
  if (head.alg !== 'RS256') return refuse('invalid_grant', 'Invalid JWT Signature.');
  const account = ctx.accounts.get(String(claims.iss));
  if (!account) return refuse('invalid_grant', 'Invalid grant: account not found');
  const signed = Buffer.from(`${header}.${payload}`);
  if (!verify('RSA-SHA256', signed, account.publicKeyPem, Buffer.from(signature, 'base64url')))
    return refuse('invalid_grant', 'Invalid JWT Signature.');
  if (!ctx.audiences.includes(String(claims.aud)))
    return refuse(
      'invalid_grant',
      `Invalid JWT: Failed audience check. The expected value was ${ctx.audiences[0]}`,
    );
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims as { iat?: number; exp?: number };
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= now || exp - iat > 3600 || iat > now + 300)
    return refuse(
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  const scopes = String(claims.scope ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (scopes.length === 0)
    return refuse('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  const grant = { clientEmail: account.clientEmail, scopes, expiresAt: Date.now() + ctx.ttlSeconds * 1000 };
  return { grant, expiresIn: ctx.ttlSeconds };
}
