import { afterAll, beforeAll, beforeEach } from 'vitest';
import { closeEveryPage } from '../browser/console-harness.ts';

/**
 * A browser file's bound: past it the file fails loudly instead of running on. Each test and hook has
 * a timeout of its own, but a file whose tests each wait theirs out goes on for their sum: console-a11y
 * (five demo businesses of up to 600 s each) once ran 38 minutes on a fresh machine with no end in
 * sight. Past the bound the worker's pages are closed, so whatever the running test awaits of them
 * fails at once, and each test still to run fails naming the bound. The longest file takes some
 * 4 minutes alone on a quiet machine; `OPSDESK_BROWSER_FILE_MINUTES` sets another bound.
 */
const FILE_MINUTES = Number(process.env.OPSDESK_BROWSER_FILE_MINUTES ?? 15);

let overdue = false;
let deadline: ReturnType<typeof setTimeout> | undefined;

beforeAll(() => {
  overdue = false;
  deadline = setTimeout(() => {
    overdue = true;
    console.error(`[deadline] this browser file ran past its ${FILE_MINUTES} minutes: its pages are closed`);
    void closeEveryPage();
  }, FILE_MINUTES * 60_000);
});

beforeEach(() => {
  if (overdue) throw new Error(`the file ran past its ${FILE_MINUTES} minutes: this test was not started`);
});

afterAll(() => clearTimeout(deadline));
