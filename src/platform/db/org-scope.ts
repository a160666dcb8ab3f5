import {
  AliasNode,
  BinaryOperationNode,
  ColumnNode,
  type DeleteQueryNode,
  IdentifierNode,
  type InsertQueryNode,
  JoinNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  QueryNode,
  type QueryResult,
  ReferenceNode,
  type RootOperationNode,
  type SelectQueryNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
} from 'kysely';

export const ORG_COLUMN = 'org_id';

/**
 * Scopes every query built through Kysely to one organization, so a module cannot forget it.
 *
 * - SELECT / UPDATE / DELETE: every org-owned table in FROM gets `AND <alias>.org_id = $org`;
 *   joined org-owned tables get it in their ON clause (keeps LEFT JOIN semantics).
 * - INSERT: `org_id` is added to every row, or checked when the caller set it.
 *
 * Org-owned tables are discovered from the schema (any table with an `org_id` column).
 * Raw `sql` fragments are not rewritten: raw SQL must filter on `org_id` itself.
 */
export class OrgScopePlugin implements KyselyPlugin {
  readonly #transformer: OrgScopeTransformer;

  constructor(orgId: string, orgTables: ReadonlySet<string>) {
    this.#transformer = new OrgScopeTransformer(orgId, orgTables);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class OrgScopeTransformer extends OperationNodeTransformer {
  constructor(
    private readonly orgId: string,
    private readonly orgTables: ReadonlySet<string>,
  ) {
    super();
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const inner = super.transformSelectQuery(node);
    const scoped = this.scopeJoins(inner);
    return this.addFilters(scoped, inner.from?.froms ?? []);
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const inner = super.transformUpdateQuery(node);
    const targets = [...(inner.table ? [inner.table] : []), ...(inner.from?.froms ?? [])];
    return this.addFilters(this.scopeJoins(inner), targets);
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    const inner = super.transformDeleteQuery(node);
    return this.addFilters(this.scopeJoins(inner), inner.from.froms);
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const inner = super.transformInsertQuery(node);
    const table = inner.into ? tableName(inner.into) : undefined;
    if (!table || !this.orgTables.has(table)) return inner;
    if (!inner.values || !ValuesNode.is(inner.values)) {
      throw new Error(
        `org-scoped insert into ${table} must use .values(); INSERT ... SELECT cannot be checked`,
      );
    }
    const columns = inner.columns ?? [];
    const at = columns.findIndex((c) => c.column.name === ORG_COLUMN);
    if (at >= 0) {
      for (const row of inner.values.values) this.assertOwnOrg(table, rowValue(row, at));
      return inner;
    }
    const rows = inner.values.values.map((row) =>
      PrimitiveValueListNode.is(row)
        ? PrimitiveValueListNode.create([...row.values, this.orgId])
        : ValueListNode.create([...row.values, ValueNode.create(this.orgId)]),
    );
    return {
      ...inner,
      columns: [...columns, ColumnNode.create(ORG_COLUMN)],
      values: ValuesNode.create(rows),
    };
  }

  private assertOwnOrg(table: string, value: unknown): void {
    if (value !== this.orgId) throw new Error(`insert into ${table} names another organization`);
  }

  private scopeJoins<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T): T {
    if (!node.joins) return node;
    const joins = node.joins.map((join) => {
      const ref = orgRef(join.table, this.orgTables);
      return ref ? JoinNode.cloneWithOn(join, this.equalsOrg(ref)) : join;
    });
    return { ...node, joins };
  }

  private addFilters<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(
    node: T,
    froms: ReadonlyArray<OperationNode>,
  ): T {
    let scoped = node;
    for (const from of froms) {
      const ref = orgRef(from, this.orgTables);
      if (ref) scoped = QueryNode.cloneWithWhere(scoped, this.equalsOrg(ref));
    }
    return scoped;
  }

  private equalsOrg(ref: string): OperationNode {
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(ORG_COLUMN), TableNode.create(ref)),
      OperatorNode.create('='),
      ValueNode.create(this.orgId),
    );
  }
}

/** The name to qualify `org_id` with (alias or table), when the node is an org-owned table. */
function orgRef(node: OperationNode, orgTables: ReadonlySet<string>): string | undefined {
  if (TableNode.is(node)) {
    const name = tableName(node);
    return orgTables.has(name) ? name : undefined;
  }
  if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) {
    return orgTables.has(tableName(node.node)) ? node.alias.name : undefined;
  }
  return undefined;
}

function tableName(node: TableNode): string {
  return node.table.identifier.name;
}

function rowValue(row: OperationNode, index: number): unknown {
  if (PrimitiveValueListNode.is(row)) return row.values[index];
  if (ValueListNode.is(row)) {
    const v = row.values[index];
    return v && ValueNode.is(v) ? v.value : undefined;
  }
  return undefined;
}
