#!/usr/bin/env node
import { Command } from 'commander';
import type { AnyArea } from '../core/modules/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import { boot, modulesOf } from './cli/cli-kit.ts';
import { addDatabaseCommands } from './cli/database.commands.ts';
import { addImportCommand } from './cli/import.commands.ts';
import { addModuleCommands } from './cli/module-commands.ts';
import { addOrganizationCommands } from './cli/organization.commands.ts';
import { addServerCommands } from './cli/server.commands.ts';
import { ALWAYS_ENABLED } from './core-areas.ts';
import { AVAILABLE_MODULES } from './modules.ts';

const program = new Command('opsdesk')
  .description('Opsdesk: one backoffice for small operators')
  .showHelpAfterError();

addServerCommands(program);
addDatabaseCommands(program);
addOrganizationCommands(program);
// `opsdesk import <module> --from <source>`, for the enabled modules that declare an import.
addImportCommand(program, commandModules());
// The areas' own commands (`openpaygo`, `coffee simulate`), for the modules OPSDESK_MODULES enables.
addModuleCommands(program, [...ALWAYS_ENABLED, ...commandModules()], () => boot({ worker: false }));

program.parseAsync().catch((err: Error) => {
  console.error(`opsdesk: ${err.message}`);
  process.exit(1);
});

/**
 * The enabled modules, whose commands the CLI offers. With settings it cannot read, every module's
 * rather than none: a command that needs the app then stops on those settings, as the built-in
 * commands do, and one that needs no database still runs.
 */
function commandModules(): AnyArea[] {
  try {
    return modulesOf(loadConfig());
  } catch {
    return AVAILABLE_MODULES;
  }
}
