/**
 * A command an area adds to the `opsdesk` command line (`opsdesk openpaygo decode …`), as data:
 * the app's CLI turns it into a subcommand, only while `OPSDESK_MODULES` enables the area.
 * Either `run` (a command) or `commands` (a group of them, `opsdesk coffee simulate`).
 */
export interface ModuleCommand<R> {
  /** One word; a top-level name must not be taken by the app's own commands or another area's. */
  name: string;
  description: string;
  options?: ReadonlyArray<CommandOption>;
  commands?: ReadonlyArray<ModuleCommand<R>>;
  /** A refusal throws: the CLI prints `opsdesk: <message>` and exits with status 1. */
  run?: (input: CommandInput<R>) => Promise<void> | void;
}

/** One option, spelled as on the command line: `--starting-code <code>` (a value) or `--restricted` (a flag). */
export interface CommandOption {
  flags: string;
  description: string;
  required?: boolean;
  default?: string;
}

export interface CommandInput<R> {
  /** By option name in camelCase (`--starting-code` → `startingCode`): a string, or `true` for a flag. */
  options: Readonly<Record<string, string | boolean | undefined>>;
  /**
   * Builds the app (database, migrations, every enabled area) and resolves to this area's runtime
   * for it; the app is closed when the command ends. A command that needs no database never calls it.
   */
  runtime(): Promise<R>;
  /** Writes a line of the command's answer (standard output). */
  print(line: string): void;
}
