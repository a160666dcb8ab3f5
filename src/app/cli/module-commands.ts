import type { Command } from 'commander';
import type { AnyArea, ModuleCommand } from '../../core/modules/index.ts';
import type { App } from '../build-app.ts';

/** How a module command reaches the app: built on first need, closed when the command ends. */
export type BootApp = () => Promise<App>;

/**
 * Adds the commands the given areas declare (`commands` of `defineModule`) under `program`. A
 * top-level name the program already has, or that two areas declare, is refused: a command must
 * never be shadowed silently.
 */
export function addModuleCommands(
  program: Command,
  areas: ReadonlyArray<AnyArea>,
  bootApp: BootApp,
  print: (line: string) => void = (line) => console.log(line),
): void {
  const taken = new Map(program.commands.map((c) => [c.name(), 'opsdesk']));
  for (const area of areas) {
    for (const command of (area.commands ?? []) as ReadonlyArray<ModuleCommand<unknown>>) {
      const owner = taken.get(command.name);
      if (owner) throw new Error(`command ${command.name} of ${area.name} is already declared by ${owner}`);
      taken.set(command.name, area.name);
      addCommand(program, command, area.name, bootApp, print);
    }
  }
}

function addCommand(
  parent: Command,
  spec: ModuleCommand<unknown>,
  areaName: string,
  bootApp: BootApp,
  print: (line: string) => void,
): void {
  const command = parent.command(spec.name).description(spec.description);
  for (const sub of spec.commands ?? []) addCommand(command, sub, areaName, bootApp, print);
  for (const option of spec.options ?? []) {
    if (option.required) command.requiredOption(option.flags, option.description, option.default);
    else command.option(option.flags, option.description, option.default);
  }
  const run = spec.run;
  if (!run) return;
  command.action(async (options: Record<string, string | boolean | undefined>) => {
    let app: App | undefined;
    try {
      await run({
        options,
        print,
        runtime: async () => {
          app ??= await bootApp();
          return app.runtimeOf(areaName);
        },
      });
    } finally {
      await app?.close();
    }
  });
}
