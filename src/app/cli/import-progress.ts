import type { ImportProgress } from '../../core/imports/index.ts';

/** Where the bar goes: stderr (the report keeps stdout to itself). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const WIDTH = 24;
/** Without a terminal (a log file, CI), a line at most this often, and the last one at the end. */
const LINE_EVERY_MS = 5000;

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The progress of `opsdesk import` over all of its models (issue 42 item 2): rows read of the
 * source's total and rows per second, redrawn in place on a terminal, one line now and then
 * otherwise. `totals` are the records of each model, counted before the run.
 */
export function importProgressBar(
  stream: ProgressStream,
  totals: ReadonlyMap<string, number>,
  now: () => number = Date.now,
) {
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  const before = new Map<string, number>();
  let sum = 0;
  for (const [model, n] of totals) {
    before.set(model, sum);
    sum += n;
  }
  const started = now();
  let lastLine = Number.NEGATIVE_INFINITY;
  let shown = '';
  let done = 0;
  let label = '';

  const line = () => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
    return `  import [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${grouped(done)}/${grouped(total)} rows · ${grouped(rate)} rows/s · ${label}`;
  };
  const draw = (final: boolean) => {
    const text = line();
    if (stream.isTTY) {
      const fit = stream.columns ? text.slice(0, stream.columns - 1) : text;
      stream.write(`\r${fit}${' '.repeat(Math.max(0, shown.length - fit.length))}${final ? '\n' : ''}`);
      shown = fit;
    } else if (final || now() - lastLine >= LINE_EVERY_MS) {
      stream.write(`${text}\n`);
      lastLine = now();
    }
  };
  return {
    update(p: ImportProgress) {
      done = Math.min(total, (before.get(p.model) ?? 0) + p.done);
      label = p.label;
      draw(false);
    },
    /** The last state, on a line of its own: the report that follows starts clean. */
    stop() {
      draw(true);
    },
  };
}
