import { describe, expect, it } from 'vitest';
import { importProgressBar } from './import-progress.ts';

// Issue 42 item 2: `opsdesk import` shows rows done of the total over every model and rows per
// second on stderr while it runs, redrawn in place on a terminal and now and then in a log.

const totals = new Map([
  ['mess.student', 1000],
  ['mess.scanevent', 3000],
]);

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, columns: 200, write: (t: string) => written.push(t) };
}

describe('the import progress bar', () => {
  it('counts rows over all models, with rows per second, redrawn in place on a terminal', () => {
    let ms = 0;
    const out = stream(true);
    const bar = importProgressBar(out, totals, () => ms);
    bar.update({ model: 'mess.student', label: 'students', done: 0, total: 1000 });
    ms = 1000;
    bar.update({ model: 'mess.student', label: 'students', done: 1000, total: 1000 });
    ms = 2000;
    bar.update({ model: 'mess.scanevent', label: 'scans', done: 1000, total: 3000 });
    expect(out.written[1]).toMatch(
      /^\r {2}import \[█{6}░{18}\] 1,000\/4,000 rows · 1,000 rows\/s · students$/,
    );
    expect(out.written[2]).toMatch(/2,000\/4,000 rows · 1,000 rows\/s · scans/);
    ms = 4000;
    bar.update({ model: 'mess.scanevent', label: 'scans', done: 3000, total: 3000 });
    bar.stop();
    expect(out.written.at(-1)).toMatch(/4,000\/4,000 rows · 1,000 rows\/s · scans\s*\n$/);
    expect(out.written.every((t) => t.startsWith('\r'))).toBe(true);
  });

  it('writes a line now and then without a terminal, and the last state at the end', () => {
    let ms = 0;
    const out = stream(false);
    const bar = importProgressBar(out, totals, () => ms);
    for (let done = 0; done <= 1000; done += 100) {
      ms += 1000;
      bar.update({ model: 'mess.student', label: 'students', done, total: 1000 });
    }
    bar.stop();
    expect(out.written.length).toBeLessThan(5);
    expect(out.written.every((t) => t.endsWith('\n') && !t.includes('\r'))).toBe(true);
    expect(out.written.at(-1)).toContain('1,000/4,000 rows');
  });
});
