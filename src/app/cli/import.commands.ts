import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type CsvMapping,
  IMPORT_SOURCES,
  importIssuesCsv,
  importReportLines,
  openImportSource,
  recognisedNothing,
  unrecognisedSource,
} from '../../core/imports/index.ts';
import type { AnyArea } from '../../core/modules/index.ts';
import { importableModules, importIntoOrganization, moduleImportOf } from '../module-imports.ts';
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
      '--answer <key=value>',
      "an answer to the module's question (mess: qrSecret=<the original's QR_SECRET>); repeatable",
      (value: string, all: string[] = []) => [...all, value],
    )
    .option('--report <file>', 'also write every refused or flagged record to this CSV file')
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
        )}\n\nRun it again until switch day: it brings what changed in the original since, and nothing twice.\nA record that cannot come over is reported with its reason. Nothing is sent unless --notify is given.\nExit status: 0 all came over, 1 some records were refused, 2 nothing of the module was recognised.`,
    )
    .action(
      async (
        module: string,
        opts: {
          from: string;
          org: string;
          dryRun?: boolean;
          notify?: boolean;
          csvMap?: string;
          answer?: string[];
          report?: string;
        },
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
        const answers = answersOf(opts.answer ?? []);
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
            options: { notify: opts.notify === true, answers },
            onProgress: (p) => bar.update(p),
          });
          bar.stop();
          if (recognisedNothing(report)) {
            console.error(
              unrecognisedSource(
                report,
                mapping.models.map((m) => m.table?.name ?? m.model),
              ),
            );
            process.exitCode = 2;
            return;
          }
          for (const line of importReportLines(report, mapping.notifies)) console.log(line);
          if (opts.report) {
            writeFileSync(opts.report, importIssuesCsv(report));
            console.log(`Refused and flagged records: ${opts.report}`);
          }
          if (report.issues.some((i) => i.kind === 'refused')) process.exitCode = 1;
        } finally {
          await source.close();
          await app.close();
        }
      },
    );
}

/** `--answer key=value`, repeated, as the answers the module's questions take. */
function answersOf(given: ReadonlyArray<string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const pair of given) {
    const at = pair.indexOf('=');
    if (at <= 0) usageError(`import: --answer ${pair} is not key=value`);
    answers[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return answers;
}
