import { createInterface } from 'node:readline/promises';
import { type Command, Option } from 'commander';
import { addMember, ROLES, type Role } from '../../core/auth/index.ts';
import { createOrganization, findOrganizationBySlug } from '../../core/orgs/index.ts';
import { rotatePassKey } from '../../core/pass-issuer/index.ts';
import { cleanDeployment, cleanupReportLines, runCleanup } from '../../core/retention/index.ts';
import { newSecret } from '../../platform/ids/index.ts';
import { demoOrganizationsOf, seedDemo } from '../demo-seed.ts';
import { parseNewOrganization } from '../new-organization.rules.ts';
import { boot, configOrExit, modulesOf, progress, refuseDemoInProduction, usageError } from './cli-kit.ts';

/** `opsdesk create-user | create-org | seed-demo | rotate-pass-keys | cleanup`: what lives in organizations. */
export function addOrganizationCommands(program: Command): void {
  addCreateUserCommand(program);
  addCreateOrgCommand(program);
  addSeedDemoCommand(program);
  addRotatePassKeysCommand(program);
  addCleanupCommand(program);
}

/** `opsdesk create-user`: a staff member in an organization. */
function addCreateUserCommand(program: Command): void {
  program
    .command('create-user')
    .description(
      'Add a staff member to an organization (prints a generated password unless OPSDESK_NEW_PASSWORD is set)',
    )
    .requiredOption('--email <email>', 'e-mail used to sign in')
    .option('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role in the organization').choices([...ROLES]).default('admin'))
    .option('--org <slug>', 'organization slug', 'default')
    .action(async (opts: { email: string; name?: string; role: Role; org: string }) => {
      const app = await boot({ worker: false });
      try {
        const org = await findOrganizationBySlug(app.database.db, opts.org);
        if (!org) throw new Error(`No organization "${opts.org}"`);
        const password = process.env.OPSDESK_NEW_PASSWORD || newSecret(12);
        const ctx = app.deps.systemCtx(org.id, 'cli.create-user');
        await addMember(ctx, {
          email: opts.email,
          name: opts.name ?? opts.email.split('@')[0]!,
          password,
          role: opts.role,
          assignerRole: 'system',
        });
        console.log(`Created ${opts.role} ${opts.email} in ${org.slug}.`);
        if (!process.env.OPSDESK_NEW_PASSWORD) console.log(`Password (shown once): ${password}`);
      } finally {
        await app.close();
      }
    });
}

/** `opsdesk create-org`: another organization with its owner, asking for its time zone when typed at a terminal. */
function addCreateOrgCommand(program: Command): void {
  program
    .command('create-org')
    .description(
      'Create another organization (operator) with its owner (prints a generated password unless OPSDESK_NEW_PASSWORD is set)',
    )
    .requiredOption('--name <name>', 'display name of the organization')
    .requiredOption('--slug <slug>', 'short unique id: lowercase letters, digits and dashes')
    .requiredOption('--owner-email <email>', 'e-mail the owner signs in with')
    .option('--owner-name <name>', 'display name of the owner')
    .option('--time-zone <iana>', 'IANA time zone (default OPSDESK_TIMEZONE)')
    .option('--currency <code>', 'ISO 4217 currency (default OPSDESK_CURRENCY)')
    .option('--languages <list>', 'comma list of en, hi, es, fr, rw (default OPSDESK_LANGUAGES)')
    .option(
      '--modules <list>',
      'comma list of the modules it runs, e.g. mess,raffle (default: every enabled module)',
    )
    .action(async (opts: Record<string, string | undefined>) => {
      const config = configOrExit();
      // Cut-offs, meal windows and reports run on this zone: ask rather than silently default to UTC.
      if (!opts.timeZone && process.stdin.isTTY) {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(
          `Time zone of ${opts.name ?? 'the organization'} (IANA, e.g. Asia/Kolkata) [${config.OPSDESK_TIMEZONE}]: `,
        );
        rl.close();
        if (answer.trim()) opts.timeZone = answer.trim();
      }
      const parsed = parseNewOrganization(
        opts,
        config,
        modulesOf(config).map((m) => m.name),
      );
      if (!parsed.ok) usageError(parsed.problems.join('; '));
      const { organization, owner } = parsed.value;
      const app = await boot({ worker: false });
      try {
        const password = process.env.OPSDESK_NEW_PASSWORD || newSecret(12);
        const org = await createOrganization(app.database.db, organization);
        const ctx = app.deps.systemCtx(org.id, 'cli.create-org');
        await addMember(ctx, { ...owner, password, role: 'owner', assignerRole: 'system' });
        console.log(`Created organization ${org.slug} (${org.name}) with owner ${owner.email}.`);
        console.log(`Time zone: ${org.timeZone} (change it in the console settings or PATCH /api/org).`);
        console.log(`Modules: ${org.modules?.join(', ') ?? 'every enabled module'}.`);
        if (!process.env.OPSDESK_NEW_PASSWORD) console.log(`Password (shown once): ${password}`);
      } finally {
        await app.close();
      }
    });
}

/** `opsdesk seed-demo`: the demo organizations and their data, once. */
function addSeedDemoCommand(program: Command): void {
  program
    .command('seed-demo')
    .description(
      'Create one demo organization per enabled module, with its data (once; refused in production)',
    )
    .action(async () => {
      refuseDemoInProduction(configOrExit());
      const app = await boot({ worker: false });
      try {
        const bar = progress('seeding');
        bar.start(2 * demoOrganizationsOf(app).length, 0, { label: '' });
        const { seeded } = await seedDemo(app, (label) => bar.increment({ label }));
        bar.stop();
        console.log(seeded ? 'Demo data created.' : 'Demo data was already there.');
      } finally {
        await app.close();
      }
    });
}

/** `opsdesk rotate-pass-keys`: a new QR-pass signing key. */
function addRotatePassKeysCommand(program: Command): void {
  program
    .command('rotate-pass-keys')
    .description(
      'Make a new QR-pass signing key active (old passes keep verifying with the retired public key)',
    )
    .option('--org <slug>', 'organization slug', 'default')
    .action(async (opts: { org: string }) => {
      const app = await boot({ worker: false });
      try {
        const org = await findOrganizationBySlug(app.database.db, opts.org);
        if (!org) throw new Error(`No organization "${opts.org}"`);
        const ctx = app.deps.systemCtx(org.id, 'cli.rotate-pass-keys');
        const { retired, active } = await rotatePassKey(ctx, app.config.OPSDESK_SECRET_KEY);
        console.log(
          `Active pass key ${active}${retired ? `; ${retired} retired (still verifies old passes)` : ''}.`,
        );
      } finally {
        await app.close();
      }
    });
}

/** `opsdesk cleanup`: data past its retention period, removed in small batches. */
function addCleanupCommand(program: Command): void {
  program
    .command('cleanup')
    .description('Remove data older than its retention period (per organization and kind), in small batches')
    .option('--dry-run', 'print what would be removed, remove nothing')
    .option('--org <slug>', 'only this organization')
    .action(async (opts: { dryRun?: boolean; org?: string }) => {
      const app = await boot({ worker: false });
      const bar = progress('cleanup');
      let barOrg: string | undefined;
      try {
        const dryRun = opts.dryRun === true;
        const results = await runCleanup(
          { ...app.deps, retention: app.deps.declared.retention },
          {
            dryRun,
            trigger: 'cli',
            ...(opts.org ? { orgSlug: opts.org } : {}),
            onProgress: ({ org, kind, done, total }) => {
              if (barOrg !== org) {
                if (barOrg) bar.stop();
                bar.start(total, 0, { label: '' });
                barOrg = org;
              }
              bar.update(done, { label: `${org} ${kind}` });
            },
          },
        );
        if (barOrg) bar.stop();
        console.log(cleanupReportLines(results, dryRun).join('\n'));
        if (!opts.org) {
          const { loginAttempts } = await cleanDeployment(app.deps, dryRun);
          console.log(
            `deployment: ${dryRun ? 'would forget' : 'forgot'} ${loginAttempts} old failed sign-in record(s)`,
          );
        }
      } finally {
        await app.close();
      }
    });
}
