import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passLinkParam, passLinkVersion } from '../../core/pass-issuer/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { badgePdf, passQrPng, signCustomerPass } from './customer-pass.ts';
import { getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { BADGE_LINK_SCOPE } from './exhibition.sms.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { getExhibition } from './exhibitions.ts';

const op = routeOptions(['exhibition']);

/**
 * The badge a visitor without e-mail opens from their welcome SMS (issue 65), without signing in:
 * the link's keyed hash names the customer and their pass version; the badge's QR is a working pass
 * at that version (issued and audited, as the desk's QR is). A link from before a re-issued pass is refused.
 */
export const badgeLinkRoutes =
  ({ deps, secretKey }: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/exhibition/badge/:id/:link',
      op(
        { public: true, rateLimit: { max: 30, timeWindow: 60_000 }, refuses: [404, 422] },
        "A visitor's badge (PDF: exhibition, name, code and QR), opened from the link of their welcome SMS",
        {
          params: z.object({
            id: z.string().uuid(),
            link: passLinkParam,
          }),
        },
      ),
      async (req, reply) => {
        const passVersion = passLinkVersion(secretKey, BADGE_LINK_SCOPE, req.params.id, req.params.link);
        const row =
          passVersion !== undefined
            ? await deps.database.db
                .withTables<ExhibitionTables>()
                .selectFrom('exhibition_customer')
                .select('org_id')
                .where('id', '=', req.params.id)
                .executeTakeFirst()
            : undefined;
        if (!row) throw ExhibitionErrors.pass_invalid({ reason: 'badge_link_invalid' });
        const ctx = await req.actIn(row.org_id, { type: 'system', id: null, label: 'exhibition.badge-link' });
        const customer = await getCustomer(ctx, req.params.id);
        const exhibition = await getExhibition(ctx, customer.exhibitionId);
        const issued = await signCustomerPass(ctx, { secretKey, customerId: customer.id });
        if (issued.passVersion !== passVersion) throw ExhibitionErrors.pass_invalid({ reason: 'revoked' });
        const pdf = await badgePdf({
          exhibitionName: exhibition.name,
          customerName: customer.name,
          code: customer.code,
          qrPng: await passQrPng(issued.pass),
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="badge-${customer.code}.pdf"`)
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );
  };
