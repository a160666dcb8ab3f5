import { type SqlBool, sql } from 'kysely';
import { AppError, PlatformErrors } from '../../platform/errors/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import type { ActionCaller, ResourceAction, ResourceDefinition } from './resource.types.ts';
import { fromResource, isIdOf } from './resource-rows.ts';
import { idSql } from './resource-sql.ts';

export interface ActionReport {
  done: string[];
  failed: { id: string; code: string; message: string }[];
}

/**
 * Runs an action on each id in its own transaction, so one refusal does not undo the others. The
 * record is locked and must belong to the caller's organization before `run` sees it; domain
 * refusals are reported per id with their code, unexpected errors as `internal` (and logged).
 */
export async function runAction(
  ctx: Ctx,
  args: {
    resource: ResourceDefinition;
    action: ResourceAction;
    ids: string[];
    input: unknown;
    caller: ActionCaller;
    onUnexpected: (err: unknown, id: string) => void;
  },
): Promise<ActionReport> {
  const { resource, action } = args;
  const report: ActionReport = { done: [], failed: [] };
  for (const id of [...new Set(args.ids)]) {
    try {
      if (!isIdOf(resource, id)) throw PlatformErrors.not_found({ id });
      await inTransaction(ctx, async (tx) => {
        const found = await fromResource(tx, resource)
          .select(sql.raw(idSql(resource)).as('id'))
          .where(sql<SqlBool>`${sql.raw(idSql(resource))} = ${id}`)
          .forUpdate(resource.table)
          .executeTakeFirst();
        if (!found) throw PlatformErrors.not_found({ id });
        await action.run(tx, id, args.input, args.caller);
      });
      report.done.push(id);
    } catch (err) {
      if (err instanceof AppError) {
        report.failed.push({ id, code: err.code, message: err.message });
      } else {
        args.onUnexpected(err, id);
        report.failed.push({ id, code: 'internal', message: 'Something went wrong on our side' });
      }
    }
  }
  return report;
}
