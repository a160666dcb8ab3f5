import { SingleBar } from 'cli-progress';
import type { AnyArea } from '../../core/modules/index.ts';
import { selectModules } from '../../core/modules/index.ts';
import { type Config, ConfigError, loadConfig } from '../../platform/config/index.ts';
import { type App, buildApp } from '../build-app.ts';
import { demoRefusal } from '../demo-seed.ts';
import { AVAILABLE_MODULES } from '../modules.ts';

// What every `opsdesk` command shares: reading the settings, saying what is wrong, booting the app.

/** The settings, or a list of what is wrong with them and exit status 2. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** A wrong command line: says what is wrong and exits with status 2. */
export function usageError(message: string): never {
  console.error(`opsdesk: ${message}`);
  process.exit(2);
}

/** Demo staff share a published password: never in production. */
export function refuseDemoInProduction(config: Config): void {
  const refusal = demoRefusal(config);
  if (!refusal) return;
  console.error(`opsdesk: ${refusal}`);
  process.exit(1);
}

/** The modules `OPSDESK_MODULES` enables. */
export const modulesOf = (config: Config): AnyArea[] =>
  selectModules(AVAILABLE_MODULES, config.OPSDESK_MODULES);

/** The app from the settings, with the enabled modules; `worker` also starts pulling jobs here. */
export async function boot({ worker }: { worker: boolean }): Promise<App> {
  const config = configOrExit();
  const app = await buildApp({ config, modules: modulesOf(config) });
  if (worker && config.OPSDESK_JOBS) await app.startWorker();
  return app;
}

export function progress(what: string): SingleBar {
  return new SingleBar({
    format: `  ${what} [{bar}] {value}/{total} {label}`,
    hideCursor: true,
    clearOnComplete: false,
  });
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
