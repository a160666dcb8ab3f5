import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { within } from './console-harness.ts';

/** The WCAG 2.0 and 2.1 levels A and AA: what the console promises its operators (issue 28). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each element that breaks the rule: its CSS selector and the start of its HTML. */
  targets: string[];
}

/**
 * How long axe may take on one page. `page.evaluate` has no timeout of its own: a renderer kept busy
 * (a page that re-renders without end, or a huge one) held its test until the test's own timeout, and
 * the file's next test waited on the same page again. Past this the screen fails, naming itself.
 */
const AXE_MS = 60_000;

/**
 * Runs axe-core's WCAG 2 A/AA rules on the whole page as it shows now (shell, banner, open dialogs and
 * all: nothing is left out) and returns the rules it breaks.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not a <script> tag: the console's CSP refuses inline scripts.
  const hasAxe = page.evaluate(() => 'axe' in window);
  if (!(await within(10_000, 'looking for axe on the page', hasAxe)))
    await within(10_000, 'loading axe into the page', page.evaluate(`${axeSource}\n;undefined`));
  return within(AXE_MS, 'axe on the page', page.evaluate(judgeSettled, WCAG_TAGS));
}

/** In the page: axe on the page as it settles, each broken rule with its elements and why. */
const judgeSettled = async (tags: string[]): Promise<AxeViolation[]> => {
  // Colours caught mid-transition (a button fading from disabled to enabled, a tooltip in its fade-in
  // on a loaded machine: 2.74:1 against a background it passes through, where it settles at 4.5:1)
  // are no colours a person reads: every running transition and animation is taken to its end, then
  // axe runs. Waiting for them to end instead (a wait of up to 30 s per judgement) never ended on a
  // page whose transitions start again as it re-renders, screen after screen.
  for (const animation of document.getAnimations()) {
    try {
      animation.finish();
    } catch {
      // An endless one (a spinner) has no end to jump to; it is judged as it stands.
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
  const axe = (window as any).axe;
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations', 'incomplete'],
  });
  // Text in its background's own colour (white on a white card in the dark theme) is no violation to
  // axe, only "needs review" (1:1, equalRatio): nobody can read it, so it counts here.
  const invisible = result.incomplete
    .filter((v: { id: string }) => v.id === 'color-contrast')
    .map((v: { nodes: { any: { data?: { messageKey?: string } }[] }[] }) => ({
      ...v,
      nodes: v.nodes.filter((n) => n.any.some((c) => c.data?.messageKey === 'equalRatio')),
    }))
    .filter((v: { nodes: unknown[] }) => v.nodes.length > 0);
  return [...result.violations, ...invisible].map(
    (v: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; html: string; failureSummary?: string }[];
    }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // The selector, the start of the element's HTML and why it fails (for contrast: the two colours).
      targets: v.nodes.map(
        (n) =>
          `${n.target.map(String).join(' ')}  ${n.html.slice(0, 160)}` +
          `\n      ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`,
      ),
    }),
  );
};

/**
 * Throws when the page breaks a WCAG 2 A/AA rule, listing each rule with its impact and the elements
 * (CSS selectors) that break it. `what` names the screen in the message.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) => `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.targets.map((t) => `    - ${t}`).join('\n')}`,
  );
  throw new Error(`${what}: ${violations.length} accessibility rule(s) broken\n${lines.join('\n')}`);
}

/** The colour schemes every app is judged in: each follows the reader's `prefers-color-scheme`. */
export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];

/**
 * The page as it shows now, judged in each scheme (issue 54 item 21): `setScheme` turns it light or dark
 * in place (the scanner, booth, portal and draw page follow `prefers-color-scheme` live; the console takes
 * its own theme switch), axe runs, then `seen` (a screenshot) in that scheme. Returns each broken rule as a
 * message naming the screen and scheme, so one run lists every screen's problems instead of the first.
 */
export async function problemsInEachScheme(
  page: Page,
  what: string,
  options: {
    setScheme?: (scheme: Scheme) => Promise<unknown>;
    seen?: (scheme: Scheme) => Promise<unknown>;
  } = {},
): Promise<string[]> {
  const setScheme = options.setScheme ?? ((colorScheme: Scheme) => page.emulateMedia({ colorScheme }));
  const problems: string[] = [];
  for (const scheme of SCHEMES) {
    await setScheme(scheme);
    const luminance = await backgroundLuminance(page);
    if (scheme === 'dark' ? luminance > 0.1 : luminance < 0.5)
      problems.push(
        `${what} (${scheme}): the page's background stays ${scheme === 'dark' ? 'light' : 'dark'} (luminance ${luminance.toFixed(2)})`,
      );
    try {
      await expectAccessible(page, `${what} (${scheme})`);
    } catch (e) {
      problems.push((e as Error).message);
    }
    await options.seen?.(scheme);
  }
  await setScheme('light');
  return problems;
}

/** The relative luminance (WCAG, 0 black to 1 white) of what the page is painted on: body's, else html's, else white. */
function backgroundLuminance(page: Page): Promise<number> {
  return within(
    10_000,
    "reading the page's background",
    page.evaluate(() => {
      const painted = [document.body, document.documentElement]
        .map((el) => getComputedStyle(el).backgroundColor)
        .find((c) => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent');
      const [r, g, b] = (painted ?? 'rgb(255, 255, 255)').match(/\d+(\.\d+)?/g)!.map(Number);
      const linear = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
    }),
  );
}
