import { fileURLToPath } from 'node:url';
import type { AnyArea } from '../core/modules/index.ts';
import { coffeeModule } from '../modules/coffee/index.ts';
import { exhibitionModule } from '../modules/exhibition/index.ts';
import { messModule } from '../modules/mess/index.ts';
import { prepaidModule } from '../modules/prepaid/index.ts';
import { raffleModule } from '../modules/raffle/index.ts';
import type { MigrationSource } from '../platform/migrator/index.ts';

/** Every module this build ships, in migration order. */
export const AVAILABLE_MODULES: AnyArea[] = [
  raffleModule,
  messModule,
  exhibitionModule,
  prepaidModule,
  coffeeModule,
];

/** Core migrations first (module tables may reference core tables), then each enabled module's. */
export function migrationSources(modules: ReadonlyArray<AnyArea>): MigrationSource[] {
  const core = { scope: 'core', dir: fileURLToPath(new URL('../core/migrations', import.meta.url)) };
  return [core, ...modules.filter((m) => m.migrations).map((m) => ({ scope: m.name, dir: m.migrations! }))];
}
