import { describe, expect, it } from 'vitest';
import { findImportCycles, findViolations, importEdgesOf } from './boundaries.rules.ts';
import {
  areaTableOwners,
  channelTableOwners,
  coreTableOwners,
  findChannelAndAppTables,
  findCoreForeignWrites,
  findForeignTables,
  outsideTableAllowlist,
  type SourceText,
  schemaOf,
  type TableProblem,
} from './table-ownership.rules.ts';

const check = (from: string, to: string) => findViolations([{ from, to }]);

describe('dependency rules', () => {
  it('lets modules use the core through index.ts', () => {
    expect(check('src/modules/raffle/reservations.ts', 'src/core/payments/index.ts')).toEqual([]);
  });

  it('refuses a module importing another module', () => {
    expect(check('src/modules/raffle/x.ts', 'src/modules/mess/index.ts')[0]).toMatch(
      /modules never import each other/,
    );
  });

  it('refuses a channel importing another channel, and lets it use the core', () => {
    expect(check('src/channels/airtel/airtel.provider.ts', 'src/channels/momo/index.ts')[0]).toMatch(
      /channels never import each other/,
    );
    expect(check('src/channels/airtel/airtel.provider.ts', 'src/core/payments/index.ts')).toEqual([]);
  });

  it('refuses the core importing a module or a channel', () => {
    expect(check('src/core/payments/x.ts', 'src/modules/raffle/index.ts')[0]).toMatch(
      /core\/ must not depend on modules\//,
    );
    expect(check('src/core/payments/x.ts', 'src/channels/telegram/index.ts')[0]).toMatch(
      /must not depend on channels/,
    );
  });

  it('refuses the platform knowing the business', () => {
    expect(check('src/platform/http/server.ts', 'src/core/auth/index.ts')[0]).toMatch(
      /platform\/ must not depend on core\//,
    );
  });

  it('refuses reach-through imports into another area', () => {
    expect(check('src/core/payments/x.ts', 'src/core/files/files.tables.ts')[0]).toMatch(
      /only through its index.ts/,
    );
    expect(check('src/core/payments/x.ts', 'src/core/payments/payments.rules.ts')).toEqual([]);
  });

  it('lets only app/ see everything', () => {
    expect(check('src/app/modules.ts', 'src/modules/raffle/index.ts')).toEqual([]);
    expect(check('src/app/build-app.ts', 'src/core/auth/index.ts')).toEqual([]);
  });

  it('lets app/ reach modules only through src/app/modules.ts, so OPSDESK_MODULES switches all of a module', () => {
    expect(check('src/app/cli.ts', 'src/modules/coffee/index.ts')[0]).toBe(
      'src/app/cli.ts imports src/modules/coffee/index.ts: app/ reaches modules only through src/app/modules.ts (AVAILABLE_MODULES)',
    );
    expect(check('src/app/cli/module-commands.ts', 'src/modules/prepaid/index.ts')).toHaveLength(1);
  });

  it("lets web/ use a module's browser.ts, and nothing else of the module", () => {
    expect(check('web/scanner/src/decide.ts', 'src/modules/mess/browser.ts')).toEqual([]);
    expect(check('web/scanner/src/decide.ts', 'src/modules/mess/index.ts')[0]).toMatch(
      /web\/ must not depend on modules\//,
    );
    expect(check('web/scanner/src/decide.ts', 'src/modules/mess/mess.rules.ts')[0]).toMatch(
      /must not depend on modules/,
    );
  });

  it("lets any layer, web/ and its kit included, use a platform area's browser.ts, and web/ nothing else of platform", () => {
    expect(check('web/console/src/format/format.ts', 'src/platform/ids/browser.ts')).toEqual([]);
    expect(check('web/kit/api.ts', 'src/platform/http/browser.ts')).toEqual([]);
    expect(check('web/kit/api.ts', 'src/platform/http/problem.schema.ts')[0]).toMatch(
      /browser kit uses only/,
    );
    expect(check('src/core/passes/pass-subject.ts', 'src/platform/ids/browser.ts')).toEqual([]);
    expect(check('web/console/src/format/format.ts', 'src/platform/ids/index.ts')[0]).toMatch(
      /web\/ must not depend on platform\//,
    );
    expect(check('src/core/passes/pass-subject.ts', 'src/platform/ids/ids.ts')[0]).toMatch(
      /only through its index.ts/,
    );
  });

  it("keeps a module's console/ folder browser code: the console kit, never the module's server files", () => {
    const from = 'src/modules/raffle/console/index.ts';
    expect(check(from, 'src/modules/raffle/console/TicketGridPage.tsx')).toEqual([]);
    expect(check(from, 'web/console/src/extensions/index.ts')).toEqual([]);
    expect(check(from, 'src/modules/raffle/browser.ts')).toEqual([]);
    expect(check(from, 'src/core/money/index.ts')).toEqual([]);
    expect(check(from, 'src/modules/raffle/orders.ts')[0]).toMatch(/console\/ uses only its own folder/);
    expect(check(from, 'web/console/src/api/http.ts')[0]).toMatch(/console\/ uses only/);
    expect(check(from, 'src/modules/mess/console/index.ts')[0]).toMatch(/console\/ uses only/);
    expect(check(from, 'src/platform/db/index.ts')[0]).toMatch(/console\/ uses only/);
  });

  it("refuses server code importing its module's console, and the console importing one statically", () => {
    expect(check('src/modules/raffle/index.ts', 'src/modules/raffle/console/index.ts')[0]).toMatch(
      /server code never imports/,
    );
    expect(check('src/modules/mess/x.ts', 'src/modules/raffle/console/index.ts')[0]).toMatch(
      /modules never import each other/,
    );
    expect(check('web/console/src/App.tsx', 'src/modules/raffle/console/index.ts')[0]).toMatch(
      /web\/ must not depend on modules\//,
    );
  });
});

describe('the browser kit', () => {
  it('is what the browser apps share, and itself imports only its own files and core index.ts files', () => {
    expect(check('web/scanner/src/main.ts', 'web/kit/camera.ts')).toEqual([]);
    expect(check('web/portal/src/main.ts', 'web/kit/dom.ts')).toEqual([]);
    expect(check('web/kit/camera.ts', 'web/kit/in-view.ts')).toEqual([]);
    expect(check('web/kit/money.ts', 'src/core/money/index.ts')).toEqual([]);
    expect(check('web/kit/dom.ts', 'web/scanner/src/i18n.ts')[0]).toBe(
      'web/kit/dom.ts imports web/scanner/src/i18n.ts: the browser kit uses only its own files, core index.ts files and platform browser.ts files',
    );
    expect(check('web/kit/money.ts', 'src/modules/prepaid/browser.ts')[0]).toMatch(/browser kit uses only/);
    expect(check('web/kit/money.ts', 'src/core/money/currency.ts')[0]).toMatch(/browser kit uses only/);
  });
});

describe("a module's browser app", () => {
  it('uses its own folder, its browser.ts, core index.ts files and the browser kit', () => {
    const from = 'src/modules/prepaid/portal-app/main.ts';
    expect(check(from, 'src/modules/prepaid/portal-app/screens/home.ts')).toEqual([]);
    expect(check(from, 'src/modules/prepaid/browser.ts')).toEqual([]);
    expect(check(from, 'src/core/auth/index.ts')).toEqual([]);
    expect(check(from, 'web/kit/dom.ts')).toEqual([]);
    expect(check(from, 'src/modules/prepaid/purchases.ts')[0]).toBe(
      "src/modules/prepaid/portal-app/main.ts imports src/modules/prepaid/purchases.ts: a module's browser app uses only its own folder, its browser.ts, core index.ts files and web/kit/",
    );
    expect(check(from, 'src/modules/exhibition/browser.ts')[0]).toMatch(/browser app uses only/);
    expect(check(from, 'src/modules/exhibition/booth-app/app.ts')[0]).toMatch(/browser app uses only/);
    expect(check(from, 'web/scanner/src/api.ts')[0]).toMatch(/browser app uses only/);
    expect(check(from, 'src/core/money/currency.ts')[0]).toMatch(/browser app uses only/);
  });

  it('is imported by nothing: neither the server nor another app', () => {
    const app = 'src/modules/exhibition/booth-app/main.ts';
    expect(check('src/modules/exhibition/index.ts', app)[0]).toMatch(/loaded by its page, never imported/);
    expect(check('web/scanner/src/main.ts', app)[0]).toMatch(/loaded by its page/);
    expect(check('src/app/modules.ts', app)[0]).toMatch(/loaded by its page/);
  });
});

describe('import cycles', () => {
  const edges = (...pairs: Array<[string, string]>) => pairs.map(([from, to]) => ({ from, to }));

  it('refuses files under src/ that import each other in a loop, naming the loop', () => {
    const cycle = edges(
      ['src/core/payments/a.ts', 'src/core/payments/b.ts'],
      ['src/core/payments/b.ts', 'src/core/payments/c.ts'],
      ['src/core/payments/c.ts', 'src/core/payments/a.ts'],
      ['src/core/payments/c.ts', 'src/core/payments/d.ts'],
    );
    expect(findImportCycles(cycle)).toEqual([
      'import cycle: src/core/payments/a.ts → src/core/payments/b.ts → src/core/payments/c.ts → src/core/payments/a.ts',
    ]);
  });

  it('refuses a loop among the browser files under web/ too', () => {
    const cycle = edges(
      ['web/console/src/extensions/registry.ts', 'web/console/src/pages/retention/RetentionPage.tsx'],
      ['web/console/src/pages/retention/RetentionPage.tsx', 'web/console/src/layout/navigation.ts'],
      ['web/console/src/layout/navigation.ts', 'web/console/src/extensions/registry.ts'],
    );
    expect(findImportCycles(cycle)).toEqual([
      'import cycle: web/console/src/extensions/registry.ts → web/console/src/pages/retention/RetentionPage.tsx → web/console/src/layout/navigation.ts → web/console/src/extensions/registry.ts',
    ]);
  });

  it('counts a type-only import as an edge of the loop', () => {
    const a = importEdgesOf('src/core/x/a.ts', "import type { B } from './b.ts';\nexport const a = 1;");
    const b = importEdgesOf('src/core/x/b.ts', "import { a } from './a.ts';\nexport type B = typeof a;");
    expect(findImportCycles([...a, ...b])).toHaveLength(1);
  });

  it('accepts imports that only go one way', () => {
    expect(
      findImportCycles(
        edges(
          ['src/modules/raffle/index.ts', 'src/modules/raffle/orders.ts'],
          ['src/modules/raffle/orders.ts', 'src/core/payments/index.ts'],
          ['src/modules/raffle/index.ts', 'src/core/payments/index.ts'],
        ),
      ),
    ).toEqual([]);
  });

  it('reads relative imports, re-exports and dynamic imports, not packages', () => {
    const text = [
      "import { z } from 'zod';",
      "import type {\n  Ctx,\n} from '../../core/context/index.ts';",
      "export { raffleJobs } from './raffle.jobs.ts';",
      "const m = await import('./raffle.seed.ts');",
    ].join('\n');
    expect(importEdgesOf('src/modules/raffle/index.ts', text).map((e) => e.to)).toEqual([
      'src/core/context/index.ts',
      'src/modules/raffle/raffle.jobs.ts',
      'src/modules/raffle/raffle.seed.ts',
    ]);
  });
});

describe('tables a module may name in its SQL', () => {
  const migrations: SourceText[] = [
    {
      path: 'src/core/migrations/0001.sql',
      text: 'create table payment (id uuid);\ncreate table conversation (id uuid);',
    },
    {
      path: 'src/core/migrations/0002.sql',
      text: '-- public\ncreate view v_payments_payment as select id from payment;',
    },
    { path: 'src/modules/raffle/migrations/0001.sql', text: 'create table raffle_order (id uuid);' },
    { path: 'src/modules/mess/migrations/0001.sql', text: 'create table mess_student (id uuid);' },
  ];
  const types: SourceText = {
    path: 'src/core/conversations/conversations.tables.ts',
    text: 'export type ConversationsTables = {\n  conversation: ConversationTable;\n};',
  };
  const schema = schemaOf(migrations, [types]);
  const check = (text: string, path = 'src/modules/raffle/orders.ts') =>
    findForeignTables([{ path, text }], schema);

  it('forgets a table or view a later migration drops (a channel table folded into the outbox)', () => {
    const later = schemaOf(
      [
        {
          path: 'src/core/migrations/20270603_0001.sql',
          text: 'create table notification_attempt (id uuid);\ndrop view v_sms_message;\ndrop table sms_message;',
        },
        {
          path: 'src/core/migrations/20270402_0001.sql',
          text: 'create table sms_message (id uuid);\ncreate view v_sms_message as select id from sms_message;',
        },
      ],
      [],
    );
    expect([...later.owners.keys()]).toEqual(['notification_attempt']);
    expect([...later.publicViews]).toEqual([]);
  });

  it('lets a module query its own tables and read the core public views', () => {
    expect(
      check(`
        await db.selectFrom('raffle_order as o').innerJoin('v_payments_payment as p', 'p.purpose_id', 'o.id');
        await sql\`update raffle_order set status = 'paid' where id = \${id}\`.execute(tx.db);
        const proof = { sql: "(select p.proof_file_id from v_payments_payment p where p.org_id = raffle_order.org_id)" };
        const avg = sql\`avg(extract(epoch from (decided_at - created_at)))\`;
      `),
    ).toEqual([]);
  });

  it('refuses a Kysely query on a core table that is not a public view', () => {
    expect(check("const rows = await ctx.db.selectFrom('payment').selectAll().execute();")).toEqual([
      "src/modules/raffle/orders.ts:1: the raffle module's SQL names the core's table payment; use its area's index.ts or a core public view (v_payments_payment)",
    ]);
  });

  it('refuses a core table named in raw SQL, in a console column or through its Tables type', () => {
    expect(
      check(`await sql\`select 1 from conversation c where c.org_id = \${org}\`.execute(db);`),
    ).toHaveLength(1);
    expect(
      check(`const c = { sql: "(select count(*) from payment p where p.purpose_id = x.id)" };`),
    ).toHaveLength(1);
    expect(check("ctx.db.withTables<ConversationsTables>().selectFrom('conversation')")).toHaveLength(2);
  });

  it("refuses another module's tables, whatever the syntax", () => {
    expect(check("db.leftJoin('mess_student as s', 's.id', 'o.student_id')")[0]).toMatch(
      /the raffle module's SQL names the mess module's table mess_student/,
    );
    expect(check("const r = { table: 'mess_student' };")).toHaveLength(1);
    expect(check(`sql\`delete from mess_student where id = \${id}\``)).toHaveLength(1);
  });

  it('refuses writes to a public view', () => {
    expect(check("db.updateTable('v_payments_payment').set({ status: 'verified' })")[0]).toMatch(
      /writes to v_payments_payment, a read-only core public view/,
    );
    expect(check(`sql\`insert into v_payments_payment (id) values (\${id})\``)).toHaveLength(1);
  });

  it("refuses a module's migration creating a table without the module's prefix", () => {
    const loose = schemaOf(
      [{ path: 'src/modules/raffle/migrations/0002.sql', text: 'create table prize (id uuid);' }],
      [],
    );
    expect(findForeignTables([], loose)).toEqual([
      "the raffle module creates prize: a module's tables are named raffle_…",
    ]);
  });

  it('refuses a withTables type the check cannot read, and leaves the core and tests alone', () => {
    expect(check('ctx.db.withTables<SomeTables>()')[0]).toMatch(
      /withTables<SomeTables>\(\) names tables the check cannot see/,
    );
    expect(check("db.selectFrom('payment')", 'src/core/payments/list-payments.ts')).toEqual([]);
    expect(check("db.selectFrom('payment')", 'src/modules/raffle/__tests__/raffle-harness.ts')).toEqual([]);
  });
});

describe('tables a core area may write', () => {
  const tables: SourceText[] = [
    {
      path: 'src/core/orgs/orgs.tables.ts',
      text: 'export type OrgsTables = {\n  organization: OrganizationTable;\n};',
    },
    {
      path: 'src/core/auth/auth.tables.ts',
      text: 'export type AuthTables = OrgsTables & {\n  staff_user: StaffUserTable;\n};',
    },
    {
      path: 'src/core/contacts/contacts.tables.ts',
      text: 'export type ContactsTables = {\n  contact: ContactTable;\n};',
    },
    {
      path: 'src/core/audit/audit.tables.ts',
      text: 'export type AuditTables = {\n  audit_event: AuditEventTable;\n};',
    },
    {
      path: 'src/core/payments/refunds/refunds.tables.ts',
      text: 'export interface RefundsTables {\n  payment_refund: PaymentRefundTable;\n}',
    },
  ];
  const owners = coreTableOwners(tables);
  const { tableTypes } = schemaOf([], tables);
  const check = (path: string, text: string) => findCoreForeignWrites([{ path, text }], owners, tableTypes);

  it('owns a table by the area whose tables type declares it, not one that extends it for reading', () => {
    expect(Object.fromEntries(owners)).toEqual({
      organization: 'orgs',
      staff_user: 'auth',
      contact: 'contacts',
      audit_event: 'audit',
      payment_refund: 'payments',
    });
    expect(tableTypes.get('AuthTables')).toEqual(['organization', 'staff_user']);
  });

  it("refuses a core area writing another area's table in raw SQL, as the chat engine's group commit did", () => {
    const groupCommit = `await sql\`with chosen as (select 1), contact_language as (
      update contact ct set preferred_language = chosen.language from chosen where ct.id = chosen.contact_id
    ), language_audit as (insert into audit_event (org_id) select org_id from chosen) select 1\`.execute(db);`;
    expect(check('src/core/conversations/group-commit.ts', groupCommit)).toEqual([
      expect.stringMatching(/conversations area writes contact, the contacts area's table/),
      expect.stringMatching(/conversations area writes audit_event, the audit area's table/),
    ]);
  });

  it("refuses a Kysely write through a type that reads another area's table; lets areas read it", () => {
    expect(
      check(
        'src/core/auth/sessions.ts',
        "db.withTables<AuthTables>().updateTable('organization').set({ name })",
      )[0],
    ).toMatch(/auth area writes organization, the orgs area's table/);
    expect(
      check('src/core/auth/sessions.ts', "db.withTables<AuthTables>().selectFrom('organization')"),
    ).toEqual([]);
    expect(
      check('src/core/orgs/organizations.ts', "db.withTables<OrgsTables>().updateTable('organization')"),
    ).toEqual([]);
  });

  it("counts an area's wiring file as the area, and leaves its tests alone", () => {
    expect(check('src/core/areas/contacts.area.ts', "db.insertInto('contact')")).toEqual([]);
    expect(check('src/core/areas/audit.area.ts', "db.insertInto('contact')")[0]).toMatch(
      /audit area writes contact/,
    );
    expect(check('src/core/contacts/__tests__/x.ts', "db.insertInto('audit_event')")).toEqual([]);
  });
});

describe('tables a channel and src/app may name in their SQL', () => {
  const migrations: SourceText[] = [
    {
      // The SMS channel's tables are created by core migrations (the migrator records them by scope).
      path: 'src/core/migrations/0001.sql',
      text: `create table organization (id uuid);
create table sms_message (id uuid);
create table staff_user (id uuid);
create table membership (user_id uuid);
create view v_orgs_organization as select id as org_id from organization;`,
    },
    { path: 'src/modules/raffle/migrations/0001.sql', text: 'create table raffle_order (id uuid);' },
  ];
  const sources: SourceText[] = [
    {
      path: 'src/channels/sms/sms.tables.ts',
      text: 'export type SmsTables = {\n  sms_message: SmsMessageTable;\n  sms_opt_out: SmsOptOutTable;\n};',
    },
    {
      path: 'src/core/orgs/orgs.tables.ts',
      text: 'export type OrgsTables = {\n  organization: OrganizationTable;\n};',
    },
  ];
  const schema = schemaOf(migrations, sources);
  const owners = channelTableOwners(sources);
  const check = (path: string, text: string) =>
    findChannelAndAppTables([{ path, text }], schema, owners).map((p) => p.message);

  it('owns a table by the channel whose *.tables.ts declares it, wherever its migration lives', () => {
    expect(Object.fromEntries(owners)).toEqual({ sms_message: 'sms', sms_opt_out: 'sms' });
  });

  it('lets a channel write its own tables and read the core public views', () => {
    expect(
      check(
        'src/channels/sms/sms-claims.ts',
        `db.withTables<SmsTables>().updateTable('sms_message').set({ status });
        await sql\`insert into sms_opt_out as o (phone) values (\${phone}) on conflict do update set keyword = 'STOP'\`.execute(db);
        await sql\`select settings from v_orgs_organization where org_id = \${orgId}\`.execute(db);`,
      ),
    ).toEqual([]);
  });

  it('refuses a channel reading a core table, as the Telegram and WhatsApp accounts read organization', () => {
    expect(
      check(
        'src/channels/telegram/telegram.accounts.ts',
        'await sql`select settings from organization where id = $1`.execute(db);',
      ),
    ).toEqual([
      "src/channels/telegram/telegram.accounts.ts:1: the telegram channel's SQL names the core's table organization; " +
        "a channel writes only the tables its *.tables.ts declares and reaches the rest through their areas' index.ts " +
        '(reads: a core public view)',
    ]);
  });

  it("refuses a channel naming another channel's or a module's table, or writing a public view", () => {
    expect(check('src/channels/telegram/x.ts', "db.selectFrom('sms_message')")[0]).toMatch(
      /the telegram channel's SQL names the sms channel's table sms_message/,
    );
    expect(check('src/channels/momo/x.ts', "db.updateTable('raffle_order')")[0]).toMatch(
      /the momo channel's SQL names the raffle module's table raffle_order/,
    );
    expect(check('src/channels/sms/x.ts', "db.updateTable('v_orgs_organization')")).toEqual([
      'src/channels/sms/x.ts:1: writes to v_orgs_organization, a read-only core public view',
    ]);
  });

  it("refuses a channel's tables type declaring a table without the channel's prefix", () => {
    expect(
      check(
        'src/channels/email/email.tables.ts',
        'export type EmailTables = {\n  outbox_mail: MailTable;\n};',
      ),
    ).toEqual([
      "src/channels/email/email.tables.ts: the email channel declares outbox_mail: a channel's tables are named email_…",
    ]);
  });

  it('refuses src/app naming any table or view, as the demo seed read membership; leaves tests alone', () => {
    const seed = 'await sql`select 1 from membership m join staff_user u on u.id = m.user_id`.execute(db);';
    expect(check('src/app/demo-seed.ts', seed)).toHaveLength(2);
    expect(check('src/app/cli/x.ts', "db.selectFrom('v_orgs_organization')")[0]).toMatch(
      /src\/app's SQL names the core public view v_orgs_organization; the composition root calls the owning area's functions/,
    );
    expect(check('src/app/x.ts', "db.insertInto('sms_message')")[0]).toMatch(
      /the sms channel's table sms_message/,
    );
    expect(check('src/app/__tests__/x.ts', "db.selectFrom('organization')")).toEqual([]);
    expect(check('src/channels/sms/__tests__/x.ts', "db.selectFrom('organization')")).toEqual([]);
  });

  it('is not fooled by words of raw SQL that are no table', () => {
    expect(
      check(
        'src/channels/ussd/x.ts',
        'sql`select 1 from unnest($1) as t(id) where extract(epoch from now()) > 0`',
      ),
    ).toEqual([]);
  });

  it("refuses a core area writing a channel's table", () => {
    const writes = (path: string, text: string) =>
      findCoreForeignWrites([{ path, text }], areaTableOwners(sources), schema.tableTypes);
    expect(writes('src/core/notifications/x.ts', "db.updateTable('sms_message')")[0]).toMatch(
      /notifications area writes sms_message, the sms area's table/,
    );
    expect(writes('src/core/notifications/x.ts', "db.selectFrom('sms_message')")).toEqual([]);
  });
});

describe('the table-ownership allowlist', () => {
  const problem = (path: string, table: string): TableProblem => ({
    path,
    table,
    message: `${path}: ${table}`,
  });

  it('lets through only the uses it names, each with a reason', () => {
    const allow = [
      { path: 'src/app/a.ts', table: 'notification', reason: 'its function is not written yet' },
    ];
    expect(
      outsideTableAllowlist(
        [problem('src/app/a.ts', 'notification'), problem('src/app/a.ts', 'contact')],
        allow,
      ),
    ).toEqual(['src/app/a.ts: contact']);
    expect(
      outsideTableAllowlist([problem('src/app/a.ts', 'notification')], [{ ...allow[0]!, reason: ' ' }]),
    ).toEqual(['src/app/a.ts notification is on the table-ownership allowlist without a reason: give one']);
  });

  it('only shrinks: an entry whose file no longer names the table must come off', () => {
    expect(
      outsideTableAllowlist([], [{ path: 'src/app/a.ts', table: 'notification', reason: 'moved since' }]),
    ).toEqual([
      'src/app/a.ts is allowlisted for notification but no longer names it: take it off the table-ownership allowlist',
    ]);
  });
});
