import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Modules learn where their messages stand from core/notifications (`messageOutcomes`, and the
 * `notificationOutcome` hook when one ends), never by reading the outbox's views (issue 64, item 2):
 * two modules reading them had grown two meanings of "not reached". Migrations already applied keep
 * what they named.
 */
const root = resolve(import.meta.dirname, '..');
const OUTBOX_VIEWS = /\bv_(notifications_notification|sms_message)\b/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the outbox is read through core/notifications', () => {
  it('no module source names the outbox views', () => {
    const readers = sources('src/modules').filter((path) =>
      OUTBOX_VIEWS.test(readFileSync(join(root, path), 'utf8')),
    );
    expect(readers).toEqual([]);
  });
});
