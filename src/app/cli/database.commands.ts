import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { claimedSettingsOf, secretSettingsOf } from '../../core/modules/index.ts';
import { describeDispute, reconcileChannelClaims } from '../../core/orgs/index.ts';
import { backupDatabase, openDatabase, restoreDatabase } from '../../platform/db/index.ts';
import { migrate } from '../../platform/migrator/index.ts';
import { fetchS3Backup, runScheduledBackup } from '../backups.ts';
import { ALWAYS_ENABLED } from '../core-areas.ts';
import { AVAILABLE_MODULES, migrationSources } from '../modules.ts';
import { rotateSecretKey } from '../rotate-secret-key.ts';
import { configOrExit, kib, modulesOf, progress, usageError } from './cli-kit.ts';

/** `opsdesk migrate | backup | restore | rotate-secret-key`: the database as a whole, without serving. */
export function addDatabaseCommands(program: Command): void {
  addMigrateCommand(program);
  addBackupCommand(program);
  addRestoreCommand(program);
  addRotateSecretKeyCommand(program);
}

/** `opsdesk migrate`: pending migrations applied, and the channel claims reconciled. */
function addMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const config = configOrExit();
      const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.OPSDESK_DATA_DIR });
      const bar = progress('migrations');
      try {
        const applied = await migrate(
          database.pool,
          migrationSources(modulesOf(config)),
          (step, i, total) => {
            if (i === 0) bar.start(total, 0, { label: step.name });
            bar.update(i + 1, { label: `${step.scope}/${step.name}` });
          },
        );
        bar.stop();
        console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database is up to date.');
        // Chat identities several organizations name are reported here (and at every start), never resolved.
        const areas = [...ALWAYS_ENABLED, ...modulesOf(config)];
        const disputes = await reconcileChannelClaims(database.db, {
          claimed: claimedSettingsOf(areas),
          secrets: { paths: secretSettingsOf(areas), key: config.OPSDESK_SECRET_KEY },
          config,
        });
        for (const d of disputes) console.error(`Disputed: ${describeDispute(d)}.`);
      } finally {
        await database.close();
      }
    });
}

/** `opsdesk backup`: one file of the database, or a scheduled one kept with its newest siblings (in a folder or on S3). */
function addBackupCommand(program: Command): void {
  program
    .command('backup')
    .argument(
      '[file]',
      'where to write a one-off backup',
      `opsdesk-backup-${new Date().toISOString().slice(0, 10)}.dump`,
    )
    .description(
      'Write the whole database to one file (embedded: PGlite dump; server: pg_dump custom format)',
    )
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
}

/** `opsdesk restore`: a backup file (or the newest one on S3) back into the database. */
function addRestoreCommand(program: Command): void {
  program
    .command('restore')
    .argument(
      '<file>',
      'a file written by `opsdesk backup`, or s3://bucket/key (s3://bucket/prefix/ for the newest there)',
    )
    .description('Bring a backup back (embedded: the current data is kept aside, not deleted)')
    .action(async (file: string) => {
      const config = configOrExit();
      let from = resolve(file);
      let staging: string | undefined;
      if (file.startsWith('s3://')) {
        staging = join(tmpdir(), `opsdesk-restore-${process.pid}.dump`);
        from = await fetchS3Backup(file, staging, config).catch((err: Error) =>
          usageError(`restore: cannot read ${file}: ${err.message}`),
        );
      }
      try {
        const { keptAside } = await restoreDatabase(
          { url: config.DATABASE_URL, dataDir: config.OPSDESK_DATA_DIR },
          staging ?? from,
        );
        console.log(`Restored ${from}.${keptAside ? ` The previous data is kept in ${keptAside}.` : ''}`);
      } finally {
        if (staging) rmSync(staging, { force: true });
      }
    });
}

/** `opsdesk rotate-secret-key`: every stored secret re-sealed under a new key, in one transaction. */
function addRotateSecretKeyCommand(program: Command): void {
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
}
