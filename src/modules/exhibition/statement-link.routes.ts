import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatCode } from '../../core/codes/index.ts';
import { currentPassVersion, passLinkParam, passLinkVersion } from '../../core/pass-issuer/index.ts';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { CUSTOMER_PASS_SUBJECT } from './customer-pass.ts';
import { getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { STATEMENT_LINK_SCOPE } from './exhibition.sms.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { statementPdf } from './statements.ts';

const op = routeOptions(['exhibition']);

/**
 * The statement a customer without e-mail opens from the SMS they asked for (issue 65), without
 * signing in: the same PDF as the console's statement.pdf, as of the moment it is opened. The link's
 * keyed hash names the customer and their pass version: after a re-issued pass, or with a wrong
 * hash, it answers 404, the same for each.
 */
export const statementLinkRoutes =
  ({ deps, secretKey }: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/exhibition/statement/:id/:link',
      op(
        { public: true, rateLimit: { max: 30, timeWindow: 60_000 }, refuses: [404] },
        "A customer's statement (PDF: every bill, the total, paid, returned and net), opened from the link of the statement SMS",
        { params: z.object({ id: z.string().uuid(), link: passLinkParam }) },
      ),
      async (req, reply) => {
        const { id, link } = req.params;
        const version = passLinkVersion(secretKey, STATEMENT_LINK_SCOPE, id, link);
        const row =
          version === undefined
            ? undefined
            : await deps.database.db
                .withTables<ExhibitionTables>()
                .selectFrom('exhibition_customer')
                .select('org_id')
                .where('id', '=', id)
                .executeTakeFirst();
        if (!row) throw ExhibitionErrors.statement_link_invalid({ id });
        const ctx = await req.actIn(row.org_id, {
          type: 'system',
          id: null,
          label: 'exhibition.statement-link',
        });
        const current = await currentPassVersion(ctx, { type: CUSTOMER_PASS_SUBJECT, id });
        if (current !== version) throw ExhibitionErrors.statement_link_invalid({ id });
        const pdf = await statementPdf(ctx, id);
        const { code } = await getCustomer(ctx, id);
        reply.header('cache-control', 'no-store');
        return sendFile(
          reply,
          { type: 'application/pdf', name: `statement-${formatCode(code, 4)}.pdf`, inline: true },
          pdf,
        );
      },
    );
  };
