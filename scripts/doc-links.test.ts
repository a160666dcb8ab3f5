import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside code: fenced blocks and inline code spans are examples, not links. */
function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

/** Relative link targets (`[text](path#anchor)`), without anchors; web and mail links are not files. */
function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
  return targets
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'))
    .map((t) => decodeURI(t.split('#')[0]!));
}

/** Files the text names as repository paths in code spans (`docs/x.md`, `src/a/b.ts`, `STACK.md`). */
function citedFiles(markdown: string): string[] {
  const spans = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\s]+\.(?:md|ts|tsx|sql|json))`/g)];
  return spans.map((m) => m[1]!).filter((p) => !p.includes('<') && !p.includes('*') && !p.includes('…'));
}

describe('links and citations in the README and docs', () => {
  it('finds links outside code only', () => {
    expect(relativeLinks('[a](docs/x.md#top) [b](https://e.org) `[c](y.md)` [d](#here)')).toEqual([
      'docs/x.md',
    ]);
  });

  for (const doc of documents) {
    it(`${doc}: every relative link points at a file that exists`, () => {
      const text = readFileSync(join(root, doc), 'utf8');
      const missing = relativeLinks(text).filter((t) => !existsSync(resolve(root, dirname(doc), t)));
      expect(missing).toEqual([]);
    });

    it(`${doc}: every file cited as a path exists`, () => {
      const text = readFileSync(join(root, doc), 'utf8');
      const missing = citedFiles(text).filter(
        (p) =>
          p.includes('/') && !existsSync(resolve(root, p)) && !existsSync(resolve(root, dirname(doc), p)),
      );
      expect(missing).toEqual([]);
    });
  }
});
