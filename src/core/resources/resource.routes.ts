import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { auditPageSchema, searchAudit } from '../audit/index.ts';
import { inTransaction } from '../context/index.ts';
import { sendCreated } from '../idempotency/index.ts';
import { exportCsv } from './export-csv.ts';
import { importRows } from './import-rows.ts';
import { listQuerySchema } from './list-params.contract.ts';
import { parseListParams } from './list-params.rules.ts';
import { listResource } from './list-query.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { addDownloadRoute } from './resource-downloads.ts';
import { getResourceItem } from './resource-rows.ts';
import {
  actionBody,
  actionReport,
  createdRecord,
  importBody,
  importQuery,
  importReport,
  item,
  listPage,
  MAX_IMPORT_CSV_BYTES,
} from './resources.contract.ts';
import { invalidBody, ResourceErrors } from './resources.errors.ts';
import { runAction } from './run-action.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
const actionParams = z.object({ action: z.string().max(100) });

type App = Parameters<FastifyPluginAsyncZod>[0];

/**
 * Adds the generated routes of one resource to `app`: list, CSV export, detail, the record's audit
 * trail, bulk actions, CSV import and downloads. Every handler goes through `req.ctx`, scoped to the
 * caller's organization. A resource is named `<area>.<name>`: each route names its area as its
 * `module`, so a module's answer 404 where the organization does not run it (the auth hook). The
 * routes go straight into the caller's scope: a plugin scope per resource (three, with its module's
 * and its downloads') was most of the cost of registering ~40 resources at start.
 */
export function addResourceRoutes(app: App, resource: ResourceDefinition): void {
  const module = resource.name.split('.')[0]!;
  addReadRoutes(app, resource, module);
  addActionRoute(app, resource, module);
  for (const download of resource.downloads ?? []) addDownloadRoute(app, resource, download, module);
  addFormRoutes(app, resource, module);
  addImportRoute(app, resource, module);
}

const op = routeOptions(['resources']);
const readAccess = (resource: ResourceDefinition, module: string) => ({
  permission: resource.permission.read,
  module,
});

/** The list, its CSV export, one record, and the record's audit trail. */
function addReadRoutes(app: App, resource: ResourceDefinition, module: string): void {
  const read = readAccess(resource, module);
  const base = resource.path;

  app.get(
    base,
    op(read, `List ${resource.name}`, {
      querystring: listQuerySchema(resource, 'list'),
      response: { 200: listPage },
    }),
    async (req) => listResource(req.ctx, resource, parseListParams(resource, withoutColumns(req.query))),
  );

  app.get(
    `${base}/export.csv`,
    op(read, `Export ${resource.name} as CSV`, { querystring: listQuerySchema(resource, 'export') }),
    async (req, reply) => {
      const params = parseListParams(resource, req.query);
      const { filename, stream } = await exportCsv(req.ctx, resource, params, (err) =>
        req.log.error({ err }, 'CSV export failed mid-stream'),
      );
      return sendFile(reply, { type: 'text/csv; charset=utf-8', name: filename }, stream);
    },
  );

  app.get(
    `${base}/:id`,
    op(read, `One of ${resource.name}`, { params: idParams, response: { 200: item } }),
    async (req) => getResourceItem(req.ctx, resource, req.params.id),
  );

  app.get(
    `${base}/:id/audit`,
    op(read, `Audit trail of one of ${resource.name}, newest first`, {
      params: idParams,
      querystring: auditQuery,
      response: { 200: auditPageSchema },
    }),
    async (req) => {
      // The record must exist in the caller's organization; another organization's id is simply not found.
      const record = await getResourceItem(req.ctx, resource, req.params.id);
      const trail = resource.auditTrail;
      const page = { limit: req.query.limit, cursor: req.query.cursor };
      if (trail)
        return searchAudit(req.ctx, {
          subjectType: trail.subjectType,
          subjectId: String(record[trail.subjectField]),
          after: { field: trail.afterField, value: req.params.id },
          ...page,
        });
      return searchAudit(req.ctx, {
        subjectType: resource.auditSubject ?? resource.table,
        subjectId: req.params.id,
        ...page,
      });
    },
  );
}

/** An action run on some records (one at a time unless the action is bulk), by those holding its permission. */
function addActionRoute(app: App, resource: ResourceDefinition, module: string): void {
  const read = readAccess(resource, module);
  const base = resource.path;

  app.post(
    `${base}/actions/:action`,
    op({ ...read, refuses: [403] }, `Run an action on some of ${resource.name}`, {
      params: actionParams,
      body: actionBody,
      response: { 200: actionReport },
    }),
    async (req) => {
      const action = resource.actions?.find((a) => a.name === req.params.action);
      if (!action) throw ResourceErrors.action_not_found({ action: req.params.action });
      const auth = req.auth!;
      if (!auth.permissions.has(action.permission))
        throw PlatformErrors.forbidden({ permission: action.permission });
      if (!action.bulk && req.body.ids.length > 1)
        throw invalidBody('ids', 'this action runs on one record at a time', 'exactly one id');
      const input = action.input ? parseInput(action.input, req.body.input) : req.body.input;
      return runAction(req.ctx, {
        resource,
        action,
        ids: req.body.ids,
        input,
        caller: { userId: auth.userId, role: auth.role, permissions: auth.permissions },
        onUnexpected: (err, id) => req.log.error({ err, id }, `action ${action.name} failed`),
      });
    },
  );
}

/** The console form's create (honouring Idempotency-Key) and update, where the resource has them. */
function addFormRoutes(app: App, resource: ResourceDefinition, module: string): void {
  const base = resource.path;
  const create = resource.form?.create;
  if (create) {
    app.post(
      base,
      op(
        { permission: create.permission, module, refuses: [409, 422] },
        `Create one of ${resource.name} (from its console form); accepts Idempotency-Key`,
        { body: create.input, response: { 201: createdRecord } },
      ),
      async (req, reply) => {
        const auth = req.auth!;
        const caller = { userId: auth.userId, role: auth.role, permissions: auth.permissions };
        return sendCreated(req, reply, { scope: `${resource.name}.create` }, (tx) =>
          create.run(tx, req.body, caller),
        );
      },
    );
  }
  const update = resource.form?.update;
  if (update) {
    app.patch(
      `${base}/:id`,
      op(
        { permission: update.permission, module, refuses: [409, 422] },
        `Change one of ${resource.name} (from its console form)`,
        { params: idParams, body: update.input, response: { 200: item } },
      ),
      async (req) => {
        const auth = req.auth!;
        const caller = { userId: auth.userId, role: auth.role, permissions: auth.permissions };
        // The record must exist in the caller's organization before the module's handler runs.
        await getResourceItem(req.ctx, resource, req.params.id);
        await inTransaction(req.ctx, (tx) => update.run(tx, req.params.id, req.body, caller));
        return getResourceItem(req.ctx, resource, req.params.id);
      },
    );
  }
}

/** The CSV import, where the resource has one and a permission for it. */
function addImportRoute(app: App, resource: ResourceDefinition, module: string): void {
  const base = resource.path;
  const spec = resource.import;
  const importPermission = resource.permission.import;
  if (spec && importPermission) {
    app.post(
      `${base}/import`,
      op(
        { permission: importPermission, module, refuses: [413] },
        `Import ${resource.name} from CSV (dry run by default; messages only with notify=true)`,
        { querystring: importQuery, body: importBody, response: { 200: importReport } },
        { bodyLimit: 3 * MAX_IMPORT_CSV_BYTES },
      ),
      async (req) => {
        if (Buffer.byteLength(req.body.csv) > MAX_IMPORT_CSV_BYTES)
          throw PlatformErrors.payload_too_large({}, { message: 'The CSV is larger than 5 MB' });
        return importRows(req.ctx, {
          resource: { ...resource, import: spec },
          csv: req.body.csv,
          mapping: req.body.mapping,
          dryRun: req.query.dryRun === 'true',
          notify: req.query.notify === 'true',
          onUnexpected: (err, row) => req.log.error({ err, row }, 'import row failed'),
        });
      },
    );
  }
}

/** `columns` picks export columns; a list returns every column and the console hides the rest. */
function withoutColumns(query: Record<string, unknown>): Record<string, unknown> {
  const { columns: _ignored, ...rest } = query;
  return rest;
}

function parseInput(schema: z.ZodType, input: unknown): unknown {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw PlatformErrors.validation_failed(
    {},
    {
      message: 'The action input is not valid',
      fields: parsed.error.issues.map((i) => ({
        field: ['body', 'input', ...i.path.map(String)].join('.'),
        message: i.message,
        code: i.code,
      })),
    },
  );
}
