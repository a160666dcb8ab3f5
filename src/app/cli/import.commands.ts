import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type CsvMapping, IMPORT_SOURCES, openImportSource } from '../../core/imports/index.ts';
import type { AnyArea } from '../../core/modules/index.ts';
import {
  importableModules,
  importIntoOrganization,
  importReportLines,
  moduleImportOf,
} from '../module-imports.ts';
import { boot, usageError } from './cli-kit.ts';
import { importProgressBar } from './import-progress.ts';

/**
 * `opsdesk import <module> --from <source>`: brings a module's records over from the original system
 * it replaces (issue 42). One command for every module: each declares its mapping (`imports`).
 */
export function addImportCommand(program: Command, areas: ReadonlyArray<AnyArea>): void {
  const modules = importableModules(areas).map((a) => a.name);
  program
    .command('import')
    .description("Bring a module's records over from the original system (dry run first with --dry-run)")
    .argument('<module>', `the module to import into: ${modules.join(', ') || 'none enabled has an import'}`)
    .requiredOption('--from <source>', 'a dumpdata JSON file, a postgres:// URL, or a folder of CSV files')
    .option('--org <slug>', 'organization slug', 'default')
    .option('--dry-run', 'read and check everything, write nothing, and say what would be written and sent')
    .option('--notify', 'also send what the module offers to imported people (new passes, welcome messages)')
    .option(
      '--csv-map <file>',
      'CSV only: JSON {"<app.model>": {"<header>": "<field>"}} for headers that are not field names',
    )
    .addHelpText(
      'after',
      `\nSources (--from):\n${IMPORT_SOURCES.map((s) => `  ${s}`).join('\n')}\n\nModules:\n${importableModules(
        areas,
      )
        .map((a) => `  ${a.name}`)
        .join(
          '\n',
        )}\n\nA second run changes nothing; a record that cannot come over is reported with its reason.\nNothing is sent unless --notify is given.`,
    )
    .action(
      async (
        module: string,
        opts: { from: string; org: string; dryRun?: boolean; notify?: boolean; csvMap?: string },
      ) => {
        if (!modules.includes(module))
          usageError(`import: ${module} has no import; modules with one: ${modules.join(', ')}`);
        let csvMapping: CsvMapping | undefined;
        if (opts.csvMap) {
          try {
            csvMapping = JSON.parse(readFileSync(opts.csvMap, 'utf8')) as CsvMapping;
          } catch (err) {
            usageError(
              `import: --csv-map ${opts.csvMap} is not a readable JSON file: ${(err as Error).message}`,
            );
          }
        }
        const source = await openImportSource(opts.from, { ...(csvMapping ? { csvMapping } : {}) });
        const app = await boot({ worker: false });
        try {
          const mapping = moduleImportOf(app, areas, module);
          // Counted first, so the bar runs over every model's rows (the report goes to stdout after it).
          const totals = new Map<string, number>();
          for (const m of mapping.models) totals.set(m.model, await source.count(m));
          const bar = importProgressBar(process.stderr, totals);
          const report = await importIntoOrganization(app, areas, {
            module,
            org: opts.org,
            source,
            dryRun: opts.dryRun === true,
            options: { notify: opts.notify === true },
            onProgress: (p) => bar.update(p),
          });
          bar.stop();
          for (const line of importReportLines(report, mapping.notifies)) console.log(line);
          if (report.issues.length) process.exitCode = 1;
        } finally {
          await source.close();
          await app.close();
        }
      },
    );
}
