#!/usr/bin/env node
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { addMember, ROLES, type Role } from '../core/auth/index.ts';
import { selectModules } from '../core/modules/index.ts';
import { createOrganization, findOrganizationBySlug } from '../core/orgs/index.ts';
import { rotatePassKey } from '../core/pass-issuer/index.ts';
import { cleanDeployment, cleanupReportLines, runCleanup } from '../core/retention/index.ts';
import { simulateCoffeeFleet } from '../modules/coffee/index.ts';
import { decodeForSupport, generateTokenLines, OpenPaygoError } from '../modules/prepaid/index.ts';
import { type Config, ConfigError, loadConfig } from '../platform/config/index.ts';
import { backupDatabase, openDatabase, restoreDatabase } from '../platform/db/index.ts';
import { newSecret } from '../platform/ids/index.ts';
import { migrate } from '../platform/migrator/index.ts';
import { runScheduledBackup } from './backups.ts';
import { type App, buildApp } from './build-app.ts';
import { ALWAYS_ENABLED } from './core-areas.ts';
import { DEMO_PASSWORD, DEMO_USERS, demoRefusal, seedDemo } from './demo-seed.ts';
import { AVAILABLE_MODULES, migrationSources } from './modules.ts';
import { parseNewOrganization } from './new-organization.rules.ts';
import { rotateSecretKey } from './rotate-secret-key.ts';

const program = new Command('opsdesk')
  .description('Opsdesk: one backoffice for small operators')
  .showHelpAfterError();

program
  .command('start')
  .description('Run everything in one process: web server, job worker and bot pollers')
  .option('--demo', 'seed demo data on first start and print the demo logins')
  .action(async (opts: { demo?: boolean }) => {
    if (opts.demo) refuseDemoInProduction(configOrExit());
    // The demo's coffee machines come alive (coffee module's demo simulator); never outside --demo.
    if (opts.demo) process.env.COFFEE_DEMO_SIMULATED_DEVICES ??= '12';
    const app = await boot({ worker: true });
    if (opts.demo) await seedDemo(app);
    await listen(app, opts.demo === true);
    await app.startWorkers();
  });

program
  .command('web')
  .description('Run only the web server (scale out: run several behind a load balancer)')
  .action(async () => listen(await boot({ worker: false }), false));

program
  .command('worker')
  .description('Run only the background job worker')
  .action(async () => {
    const app = await boot({ worker: true });
    app.http.log.info('worker started');
    onShutdown(app);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const config = configOrExit();
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OPSDESK_DATA_DIR });
    const bar = progress('migrations');
    try {
      const applied = await migrate(database.pool, migrationSources(modulesOf(config)), (step, i, total) => {
        if (i === 0) bar.start(total, 0, { label: step.name });
        bar.update(i + 1, { label: `${step.scope}/${step.name}` });
      });
      bar.stop();
      console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database is up to date.');
    } finally {
      await database.close();
    }
  });

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
    const parsed = parseNewOrganization(opts, config);
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
      if (!process.env.OPSDESK_NEW_PASSWORD) console.log(`Password (shown once): ${password}`);
    } finally {
      await app.close();
    }
  });

program
  .command('rotate-secret-key')
  .description(
    'Re-seal every stored secret under a new OPSDESK_SECRET_KEY (set it to the new key; the old one goes in the variable --old-key-env names), in one transaction',
  )
  .option(
    '--old-key-env <name>',
    'environment variable holding the current (old) key',
    'OPSDESK_OLD_SECRET_KEY',
  )
  .action(async (opts: { oldKeyEnv: string }) => {
    const config = configOrExit();
    const from = process.env[opts.oldKeyEnv];
    if (!from) usageError(`set ${opts.oldKeyEnv} to the current key and OPSDESK_SECRET_KEY to the new one`);
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OPSDESK_DATA_DIR });
    try {
      await migrate(database.pool, migrationSources(modulesOf(config)));
      // Every known area, enabled or not: a disabled module's secrets must not stay under the old key.
      const report = await rotateSecretKey(database.db, [...ALWAYS_ENABLED, ...AVAILABLE_MODULES], {
        from,
        to: config.OPSDESK_SECRET_KEY,
      }).catch((err: Error) => {
        throw new Error(`rotation refused, nothing was changed: ${err.message}`);
      });
      console.log(
        `Re-sealed ${report.resealed.map((r) => `${r.count} ${r.label}`).join(', ')} under the new key.`,
      );
      if (report.alreadyNew)
        console.log(`${report.alreadyNew} secret setting(s) were already under the new key.`);
      console.log('Restart every Opsdesk process with the new OPSDESK_SECRET_KEY.');
    } finally {
      await database.close();
    }
  });

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

program
  .command('seed-demo')
  .description('Fill the default organization with demo data (once; refused in production)')
  .action(async () => {
    refuseDemoInProduction(configOrExit());
    const app = await boot({ worker: false });
    try {
      const bar = progress('seeding');
      bar.start(DEMO_USERS.length + app.modules.length, 0, { label: '' });
      const { seeded } = await seedDemo(app, (label) => bar.increment({ label }));
      bar.stop();
      console.log(seeded ? 'Demo data created.' : 'Demo data was already there.');
    } finally {
      await app.close();
    }
  });

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

program
  .command('backup')
  .argument(
    '[file]',
    'where to write a one-off backup',
    `opsdesk-backup-${new Date().toISOString().slice(0, 10)}.dump`,
  )
  .description('Write the whole database to one file (embedded: PGlite dump; server: pg_dump custom format)')
  .option('--dir <folder>', 'scheduled run: write opsdesk-<time>.dump into this folder')
  .option(
    '--to <url>',
    'scheduled run: upload opsdesk-<time>.dump to s3://bucket/prefix (uses the S3_* settings)',
  )
  .option(
    '--keep <n>',
    'with --dir or --to: keep the newest n scheduled backups there, remove older ones',
    '14',
  )
  .action(async (file: string, opts: { dir?: string; to?: string; keep: string }) => {
    const config = configOrExit();
    const target = { url: config.DATABASE_URL, dataDir: config.OPSDESK_DATA_DIR };
    if (opts.dir && opts.to) usageError('backup: give --dir or --to, not both');
    if (!opts.dir && !opts.to) {
      const { bytes } = await backupDatabase(target, resolve(file));
      console.log(`Backup written to ${resolve(file)} (${kib(bytes)}).`);
      return;
    }
    const keep = Number(opts.keep);
    if (!Number.isInteger(keep) || keep < 1)
      usageError(`backup: --keep expects a whole number ≥ 1, got ${opts.keep}`);
    if (opts.to && !opts.to.startsWith('s3://'))
      usageError(`backup: --to expects s3://bucket/prefix, got ${opts.to}`);
    const run = await runScheduledBackup(target, opts.dir ? { dir: resolve(opts.dir) } : { s3: opts.to! }, {
      keep,
      now: new Date(),
      s3: config,
    });
    console.log(`Backup written to ${run.location} (${kib(run.bytes)}); kept the newest ${keep}.`);
    for (const old of run.removed) console.log(`Removed ${old}`);
  });

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** A wrong command line: says what is wrong and exits with status 2. */
function usageError(message: string): never {
  console.error(`opsdesk: ${message}`);
  process.exit(2);
}

program
  .command('restore')
  .argument('<file>', 'a file written by `opsdesk backup`')
  .description('Bring a backup back (embedded: the current data is kept aside, not deleted)')
  .action(async (file: string) => {
    const config = configOrExit();
    const { keptAside } = await restoreDatabase(
      { url: config.DATABASE_URL, dataDir: config.OPSDESK_DATA_DIR },
      resolve(file),
    );
    console.log(
      `Restored ${resolve(file)}.${keptAside ? ` The previous data is kept in ${keptAside}.` : ''}`,
    );
  });

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Demo staff share a published password: never in production. */
function refuseDemoInProduction(config: Config): void {
  const refusal = demoRefusal(config);
  if (!refusal) return;
  console.error(`opsdesk: ${refusal}`);
  process.exit(1);
}

function modulesOf(config: Config) {
  return selectModules(AVAILABLE_MODULES, config.OPSDESK_MODULES);
}

async function boot({ worker }: { worker: boolean }): Promise<App> {
  const config = configOrExit();
  const app = await buildApp({ config, modules: modulesOf(config) });
  if (worker && config.OPSDESK_JOBS) await app.startWorker();
  return app;
}

async function listen(app: App, demo: boolean): Promise<void> {
  const { PORT, HOST, OPSDESK_PUBLIC_URL, DATABASE_URL, OPSDESK_DATA_DIR } = app.config;
  await app.http.listen({ port: PORT, host: HOST });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  const base = OPSDESK_PUBLIC_URL ?? `http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${port}`;
  const lines = [
    '',
    `  Opsdesk is running at ${base}/`,
    `    console   ${base}/console/`,
    `    scanner   ${base}/scanner/  (mess counter; sign in as the scanner user)`,
    `    booth     ${base}/scanner/booth.html  (exhibition booths; booth staff bill there)`,
    `    portal    ${base}/portal/default/  (prepaid electricity customers; /portal/<organization slug>/)`,
    `    API docs  ${base}/api/docs`,
    `    database  ${DATABASE_URL ? 'PostgreSQL server' : `embedded (${resolve(OPSDESK_DATA_DIR)})`}`,
  ];
  if (demo) {
    lines.push(
      '',
      `  Demo logins (password "${DEMO_PASSWORD}"):`,
      ...DEMO_USERS.map((u) => `    ${u.role.padEnd(8)} ${u.email}`),
    );
  }
  console.log(`${lines.join('\n')}\n`);
  onShutdown(app);
}

function onShutdown(app: App): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'shutting down: finishing running jobs');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function progress(what: string): SingleBar {
  return new SingleBar({
    format: `  ${what} [{bar}] {value}/{total} {label}`,
    hideCursor: true,
    clearOnComplete: false,
  });
}

const openpaygo = program.command('openpaygo').description('OpenPAYGO Token tools (no database needed)');

openpaygo
  .command('generate')
  .description('Generate tokens from a file in the official test format (one JSON object a line)')
  .requiredOption('--file <file>', 'input file: key, starting_code, count, token_type, value_raw, ...')
  .action((opts: { file: string }) => openpaygoOut(() => generateTokenLines(opts.file).join('\n')));

openpaygo
  .command('decode')
  .description('Check a token a customer typed against a meter state, as the meter would')
  .requiredOption('--key <hex>', "the meter's secret key (32 hexadecimal characters)")
  .requiredOption('--starting-code <code>', "the meter's starting code")
  .requiredOption('--count <n>', "the meter's last accepted count")
  .option('--used-counts <list>', 'comma-separated counts already used (Add Time tokens)')
  .requiredOption('--token <token>', 'the token as typed')
  .option('--restricted', 'the meter uses the restricted digit set (1-4)')
  .option('--extended', 'the meter uses extended (12-digit) tokens')
  .action((opts: Parameters<typeof decodeForSupport>[0]) => openpaygoOut(() => decodeForSupport(opts)));

program
  .command('coffee')
  .description('Coffee fleet tools')
  .command('simulate')
  .description('Run simulated coffee machines against a server (provisioned through the staff API)')
  .requiredOption('--url <url>', 'the server, e.g. http://localhost:3000')
  .requiredOption('--api-token <token>', 'a staff API token with coffee.device.manage')
  .option('--devices <n>', 'how many machines', '10')
  .option('--failure-rate <0..1>', 'share of commands the machines fail', '0.1')
  .option('--interval <seconds>', 'seconds between each machine’s heartbeats', '5')
  .option('--prefix <serial>', 'serial prefix of the machines', `SIM-${Date.now().toString(36)}`)
  .option('--tag <tag>', 'tag the machines carry (batches can target it)', 'simulated')
  .action(
    (o: {
      url: string;
      apiToken: string;
      devices: string;
      failureRate: string;
      interval: string;
      prefix: string;
      tag: string;
    }) =>
      simulateCoffeeFleet({
        url: o.url,
        apiToken: o.apiToken,
        devices: Number(o.devices),
        failureRate: Number(o.failureRate),
        intervalSeconds: Number(o.interval),
        prefix: o.prefix,
        tag: o.tag,
      }),
  );

function openpaygoOut(run: () => string): void {
  try {
    const out = run();
    if (out) console.log(out);
  } catch (err) {
    if (!(err instanceof OpenPaygoError) && !(err as NodeJS.ErrnoException).code) throw err;
    console.error(`opsdesk: ${(err as Error).message}`);
    process.exit(1);
  }
}

program.parseAsync().catch((err: Error) => {
  console.error(`opsdesk: ${err.message}`);
  process.exit(1);
});
