import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AnyArea } from '../../core/modules/index.ts';
import type { App } from '../build-app.ts';
import { DEMO_PASSWORD, DEMO_USERS, demoOrganizationsOf, seedDemo } from '../demo-seed.ts';
import type { SandboxService } from '../sandbox/start-sandbox.ts';
import { boot, configOrExit, modulesOf, refuseDemoInProduction } from './cli-kit.ts';

/** `opsdesk start | web | worker`: the long-running processes. */
export function addServerCommands(program: Command): void {
  program
    .command('start')
    .description('Run everything in one process: web server, job worker and bot pollers')
    .option('--demo', 'seed demo data on first start and print the demo logins')
    .action(async (opts: { demo?: boolean }) => {
      if (opts.demo) refuseDemoInProduction(configOrExit());
      // What the modules' demos set (the coffee machines come alive); never outside --demo.
      if (opts.demo) setDemoSettings(modulesOf(configOrExit()));
      // The demo lives the whole day with no account anywhere: the sandbox plays MoMo, Airtel, SMTP,
      // WhatsApp and Telegram.
      if (opts.demo) process.env.OPSDESK_SANDBOX ??= 'true';
      // The job worker starts once the server answers: its pollers and schedules are no part of being
      // ready (jobs sent meanwhile, the demo seed's too, wait in their queues).
      const app = await boot({ worker: false });
      if (opts.demo) await seedDemo(app);
      await listen(app, opts.demo === true);
      if (app.config.OPSDESK_JOBS) await app.startWorker();
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
}

async function listen(app: App, demo: boolean): Promise<void> {
  const { PORT, HOST, OPSDESK_PUBLIC_URL, DATABASE_URL, OPSDESK_DATA_DIR } = app.config;
  await app.http.listen({ port: PORT, host: HOST });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  const base = OPSDESK_PUBLIC_URL ?? `http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${port}`;
  // The browser apps the enabled modules ship, page by page (the scanner, the booth page, the portal).
  const pages = app.modules.flatMap((m) => (m.webApps ?? []).flatMap((w) => w.pages));
  const lines = [
    '',
    `  Opsdesk is running at ${base}/`,
    `    console   ${base}/console/`,
    ...pages.map((p) => `    ${p.label.padEnd(8)}  ${base}${p.path}  (${p.about})`),
    `    API docs  ${base}/api/docs`,
    `    database  ${DATABASE_URL ? 'PostgreSQL server' : `embedded (${resolve(OPSDESK_DATA_DIR)})`}`,
  ];
  if (demo) {
    const orgs = demoOrganizationsOf(app);
    const width = Math.max(...orgs.map((o) => o.organization.slug.length));
    // Beside each organization, its own page of its module's apps (the prepaid portal).
    const ownPages = (module: AnyArea, slug: string) =>
      (module.webApps ?? [])
        .flatMap((w) => w.pages)
        .flatMap((p) => (p.ofOrganization ? [`  ${p.label} ${base}${p.ofOrganization(slug)}`] : []))
        .join('');
    lines.push(
      '',
      '  Demo organizations, one per business (the logins below belong to all of them):',
      ...orgs.map(
        ({ organization: o, module }) =>
          `    ${o.slug.padEnd(width)}  ${base}/console/?org=${o.slug}${ownPages(module, o.slug)}  (${o.name})`,
      ),
      '',
      `  Demo logins (password "${DEMO_PASSWORD}"; without ?org= they open ${orgs[0]?.organization.slug ?? 'default'}):`,
      ...DEMO_USERS.map((u) => `    ${u.role.padEnd(8)} ${u.email}`),
    );
  }
  const played = sandboxServicesOf(app);
  if (played.length > 0)
    lines.push(
      '',
      `  Sandbox: ${played.join(', ')} are played on this machine (no real money moves, no message leaves);`,
      `    the console's sandbox phone answers payments, its caught-mail inbox shows owners and admins every e-mail,`,
      `    and its chat simulator is a person on the played WhatsApp and Telegram.`,
    );
  console.log(`${lines.join('\n')}\n`);
  onShutdown(app);
}

/** The settings the enabled modules' demos set (`demo.settings`), where the environment has none. */
function setDemoSettings(modules: ReadonlyArray<AnyArea>): void {
  for (const m of modules)
    for (const [name, value] of Object.entries(m.demo?.settings ?? {})) process.env[name] ??= value;
}

/** The services the app's sandbox plays, in words for the banner. */
function sandboxServicesOf(app: App): string[] {
  const names: Record<SandboxService, string> = {
    momo: 'MTN MoMo',
    airtel: 'Airtel Money',
    email: 'e-mail (SMTP)',
    sms: "SMS (Africa's Talking)",
    whatsapp: 'WhatsApp',
    telegram: 'Telegram',
  };
  const sandbox = app.runtimeOf('sandbox') as { services: SandboxService[] } | undefined;
  return (sandbox?.services ?? []).map((s) => names[s]);
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
