import { describe, expect, it } from 'vitest';
import { findViolations } from './boundaries.rules.ts';

const check = (from: string, to: string) => findViolations([{ from, to }]);

describe('dependency rules', () => {
  it('lets modules use the core through index.ts', () => {
    expect(check('src/modules/raffle/reservations.ts', 'src/core/payments/index.ts')).toEqual([]);
  });

  it('refuses a module importing another module', () => {
    expect(check('src/modules/raffle/x.ts', 'src/modules/mess/index.ts')[0]).toMatch(
      /modules never import each other/,
    );
  });

  it('refuses a channel importing another channel, and lets it use the core', () => {
    expect(check('src/channels/airtel/airtel.provider.ts', 'src/channels/momo/index.ts')[0]).toMatch(
      /channels never import each other/,
    );
    expect(check('src/channels/airtel/airtel.provider.ts', 'src/core/payments/index.ts')).toEqual([]);
  });

  it('refuses the core importing a module or a channel', () => {
    expect(check('src/core/payments/x.ts', 'src/modules/raffle/index.ts')[0]).toMatch(
      /core\/ must not depend on modules\//,
    );
    expect(check('src/core/payments/x.ts', 'src/channels/telegram/index.ts')[0]).toMatch(
      /must not depend on channels/,
    );
  });

  it('refuses the platform knowing the business', () => {
    expect(check('src/platform/http/server.ts', 'src/core/auth/index.ts')[0]).toMatch(
      /platform\/ must not depend on core\//,
    );
  });

  it('refuses reach-through imports into another area', () => {
    expect(check('src/core/payments/x.ts', 'src/core/files/files.tables.ts')[0]).toMatch(
      /only through its index.ts/,
    );
    expect(check('src/core/payments/x.ts', 'src/core/payments/payments.rules.ts')).toEqual([]);
  });

  it('lets only app/ see everything', () => {
    expect(check('src/app/build-app.ts', 'src/modules/raffle/index.ts')).toEqual([]);
    expect(check('src/app/build-app.ts', 'src/core/auth/index.ts')).toEqual([]);
  });

  it("lets web/ use a module's browser.ts, and nothing else of the module", () => {
    expect(check('web/scanner/src/decide.ts', 'src/modules/mess/browser.ts')).toEqual([]);
    expect(check('web/scanner/src/decide.ts', 'src/modules/mess/index.ts')[0]).toMatch(
      /web\/ must not depend on modules\//,
    );
    expect(check('web/scanner/src/decide.ts', 'src/modules/mess/mess.rules.ts')[0]).toMatch(
      /must not depend on modules/,
    );
  });

  it("keeps a module's console/ folder browser code: the console kit, never the module's server files", () => {
    const from = 'src/modules/raffle/console/index.ts';
    expect(check(from, 'src/modules/raffle/console/TicketGridPage.tsx')).toEqual([]);
    expect(check(from, 'web/console/src/extensions/index.ts')).toEqual([]);
    expect(check(from, 'src/modules/raffle/browser.ts')).toEqual([]);
    expect(check(from, 'src/core/money/index.ts')).toEqual([]);
    expect(check(from, 'src/modules/raffle/orders.ts')[0]).toMatch(/console\/ uses only its own folder/);
    expect(check(from, 'web/console/src/api/http.ts')[0]).toMatch(/console\/ uses only/);
    expect(check(from, 'src/modules/mess/console/index.ts')[0]).toMatch(/console\/ uses only/);
    expect(check(from, 'src/platform/db/index.ts')[0]).toMatch(/console\/ uses only/);
  });

  it("refuses server code importing its module's console, and the console importing one statically", () => {
    expect(check('src/modules/raffle/index.ts', 'src/modules/raffle/console/index.ts')[0]).toMatch(
      /server code never imports/,
    );
    expect(check('src/modules/mess/x.ts', 'src/modules/raffle/console/index.ts')[0]).toMatch(
      /modules never import each other/,
    );
    expect(check('web/console/src/App.tsx', 'src/modules/raffle/console/index.ts')[0]).toMatch(
      /web\/ must not depend on modules\//,
    );
  });
});
