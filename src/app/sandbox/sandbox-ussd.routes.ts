import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { USSD_SCREEN_CHARACTERS, type UssdGatewaySession } from '../../channels/sms/index.ts';
import { ussdCallbackUrl } from '../../channels/ussd/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import type { Sandbox } from './start-sandbox.ts';

/** The code dialed when the organization names none (Africa's Talking's sandbox codes read so). */
const DEFAULT_SERVICE_CODE = '*384*12345#';
const SERVICE_CODE = /^\*[0-9*]{1,20}#$/;

const sessionSchema = z.object({
  sessionId: z.string(),
  phoneNumber: z.string(),
  serviceCode: z.string(),
  screen: z.string().describe(`What the phone shows, at most ${USSD_SCREEN_CHARACTERS} characters`),
  cut: z.boolean(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  status: z.enum(['open', 'ended']),
  endedBy: z.enum(['service', 'cancelled', 'no_answer', 'bad_answer', 'idle']).nullable(),
  text: z.string(),
});
const dialBody = z.object({
  phoneNumber: z.string().max(30).describe('In international form, spaces allowed: +250 788 000 111'),
  serviceCode: z.string().regex(SERVICE_CODE, 'a USSD code such as *384*12345#'),
});
const sessionParams = z.object({ sessionId: z.string().max(80) });
const replyBody = z.object({ input: z.string().max(160) });

/** The number as Africa's Talking posts it (`+250788000111`); a number in another form is refused, named. */
function phoneNumberOf(typed: string): string {
  const phone = typed.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{7,14}$/.test(phone)) return phone;
  throw PlatformErrors.validation_failed(
    {},
    {
      message: 'phoneNumber: a phone number in international form, + and the country code',
      fields: [
        {
          field: 'body.phoneNumber',
          message: 'a phone number in international form, + and the country code',
          code: 'invalid_phone',
          expected: '+250788123456',
        },
      ],
    },
  );
}

/** The organization's own code (prepaid's `sms.ussdCode` setting), else the sandbox's. */
const prepaidCode = z.object({ sms: z.object({ ussdCode: z.string().regex(SERVICE_CODE) }) });
async function serviceCodeOf(ctx: Ctx): Promise<string> {
  const set = prepaidCode.safeParse((await getOrganization(ctx)).settings.prepaid);
  return set.success ? set.data.sms.ussdCode : DEFAULT_SERVICE_CODE;
}

/**
 * The console's USSD handset (issue 65: a new user had to use curl): a phone on the sandbox's
 * network dials the organization's service code and the sandbox's Africa's Talking gateway posts each
 * screen to the organization's real USSD callback URL, so the demo runs the code path a real handset
 * does. Owners and admins only: the menu shows any number's last token.
 */
export const sandboxUssdRoutes: FastifyPluginAsyncZod<{ sandbox: Sandbox; config: Config }> = async (
  app,
  { sandbox, config },
) => {
  const op = routeOptions(['sandbox']);
  const gateway = sandbox.ussd;
  const own = (ctx: Ctx, sessionId: string) => {
    const session = gateway.session(sessionId);
    if (!session || session.owner !== ctx.orgId) throw PlatformErrors.not_found({ sessionId });
    return session;
  };
  const shown = ({ owner: _owner, ...session }: UssdGatewaySession) => session;

  app.get(
    '/api/sandbox/ussd',
    op('sandbox.ussd.dial', 'The USSD code the sandbox handset dials for my organization', {
      response: { 200: z.object({ serviceCode: z.string() }) },
    }),
    async (req) => ({ serviceCode: await serviceCodeOf(req.ctx) }),
  );
  app.post(
    '/api/sandbox/ussd/sessions',
    op(
      { permission: 'sandbox.ussd.dial', refuses: [503] },
      'Dial a USSD code from a sandbox phone: a new session and its first screen',
      { body: dialBody, response: { 201: sessionSchema } },
    ),
    async (req, reply) => {
      const phoneNumber = phoneNumberOf(req.body.phoneNumber);
      const appUrl = sandbox.appUrl();
      if (!appUrl) throw PlatformErrors.unavailable({ reason: 'the app does not listen yet' });
      const callbackUrl = await ussdCallbackUrl(req.ctx, config.OPSDESK_SECRET_KEY, appUrl);
      const session = await gateway.dial({
        callbackUrl,
        phoneNumber,
        serviceCode: req.body.serviceCode,
        owner: req.ctx.orgId,
      });
      return reply.status(201).send(shown(session));
    },
  );
  app.post(
    '/api/sandbox/ussd/sessions/:sessionId/replies',
    op(
      { permission: 'sandbox.ussd.dial', refuses: [404, 409] },
      'Send a reply on an open USSD session: the next screen',
      { params: sessionParams, body: replyBody, response: { 200: sessionSchema } },
    ),
    async (req) => {
      const session = own(req.ctx, req.params.sessionId);
      if (session.status !== 'open')
        throw PlatformErrors.conflict({ sessionId: session.sessionId, status: session.status });
      return shown(await gateway.reply(session, req.body.input));
    },
  );
  app.post(
    '/api/sandbox/ussd/sessions/:sessionId/cancel',
    op(
      { permission: 'sandbox.ussd.dial', refuses: [404] },
      'Cancel a USSD session, as the phone’s Cancel key does',
      { params: sessionParams, response: { 200: sessionSchema } },
    ),
    async (req) => shown(gateway.cancel(own(req.ctx, req.params.sessionId))),
  );
};
