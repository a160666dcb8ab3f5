import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from '../csv/index.ts';
import type { ImportReport } from './imports.types.ts';

/** Whether the source held anything the mapping knows: no record of any model means a wrong file. */
export const recognisedNothing = (report: ImportReport): boolean => report.models.every((m) => m.read === 0);

/** What to say of a source the mapping found nothing in: the models it does hold. */
export function unrecognisedSource(report: ImportReport, expected: ReadonlyArray<string>): string {
  const found = report.found.length ? report.found.slice(0, 30).join(', ') : 'nothing';
  return `Nothing of ${report.module} was recognised in ${report.source}: it holds ${found}${
    report.found.length > 30 ? ` and ${report.found.length - 30} more` : ''
  }; the import reads ${expected.join(', ')}.`;
}

/** The report as lines for people: per model, what changes meaning, then every refused or flagged record. */
export function importReportLines(report: ImportReport, notifies?: string): string[] {
  const would = report.dryRun ? 'would be ' : '';
  const lines = [
    `${report.dryRun ? 'Dry run: nothing was written. ' : ''}Import of ${report.module} from ${report.source} (${report.seconds.toFixed(1)} s):`,
  ];
  for (const m of report.models) {
    lines.push(
      `  ${m.label} (${m.model}): ${m.read} read, ${m.created} ${would}created, ${m.updated} ${would}updated, ${m.unchanged} unchanged, ${m.skipped} skipped, ${m.refused} refused, ${m.flagged} flagged`,
    );
    for (const [note, n] of Object.entries(m.notes)) lines.push(`    ${n} × ${note}`);
  }
  for (const kind of ['refused', 'flagged'] as const) {
    const issues = report.issues.filter((i) => i.kind === kind);
    if (issues.length === 0) continue;
    lines.push(
      kind === 'refused' ? `Refused records (${issues.length}):` : `Flagged for review (${issues.length}):`,
    );
    for (const i of issues) lines.push(`  ${i.model} pk ${i.pk}${i.field ? ` ${i.field}` : ''}: ${i.reason}`);
  }
  const { wouldSend, queued } = report.messages;
  if (queued) lines.push(`Messages queued: ${queued} (${notifies ?? 'as asked'}).`);
  else if (wouldSend)
    lines.push(
      `Messages: none sent; ${wouldSend} would go with --notify (${notifies ?? 'what the module sends'}).`,
    );
  else lines.push('Messages: none.');
  return lines;
}

/**
 * Every refused or flagged record as CSV (one row each: kind, model, the original's pk, field,
 * reason), for a spreadsheet: cells that would read as formulas are made inert.
 */
export function importIssuesCsv(report: ImportReport): string {
  return stringify(
    [
      ['kind', 'model', 'pk', 'field', 'reason'],
      ...report.issues.map((i) => [i.kind, i.model, i.pk, i.field ?? '', i.reason].map(neutralizeFormula)),
    ],
    { bom: true },
  );
}
