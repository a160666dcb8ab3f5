import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { defineModule } from '../../core/modules/index.ts';
import type { App } from '../build-app.ts';
import { addModuleCommands } from './module-commands.ts';

const tools = defineModule({
  name: 'tools',
  commands: [
    {
      name: 'tools',
      description: 'Tools',
      commands: [
        {
          name: 'echo',
          description: 'Prints its option',
          options: [
            { flags: '--text <text>', description: 'what to print', required: true },
            { flags: '--twice', description: 'print it twice' },
          ],
          run: ({ options, print }) => {
            print(String(options.text));
            if (options.twice) print(String(options.text));
          },
        },
        {
          name: 'whoami',
          description: 'Names the module whose runtime it was given',
          run: async ({ runtime, print }) => print((await runtime()).name),
        },
      ],
    },
  ],
});

/** A program with the module's commands, recording what they print and every app they boot and close. */
function cli(modules = [tools]) {
  const lines: string[] = [];
  const apps: string[] = [];
  const program = new Command('opsdesk').exitOverride();
  program.command('start').action(() => {});
  const bootApp = async () => {
    apps.push('booted');
    return {
      runtimeOf: (name: string) => ({ name }),
      close: async () => void apps.push('closed'),
    } as App;
  };
  addModuleCommands(program, modules, bootApp, (line) => lines.push(line));
  const run = (...args: string[]) => program.parseAsync(args, { from: 'user' });
  return { run, lines, apps };
}

describe("the CLI's module commands", () => {
  it('runs a nested command with its options, and boots no app for a command that needs none', async () => {
    const { run, lines, apps } = cli();
    await run('tools', 'echo', '--text', 'hi', '--twice');
    expect(lines).toEqual(['hi', 'hi']);
    expect(apps).toEqual([]);
  });

  it("hands a command its own module's runtime from an app it closes afterwards", async () => {
    const { run, lines, apps } = cli();
    await run('tools', 'whoami');
    expect(lines).toEqual(['tools']);
    expect(apps).toEqual(['booted', 'closed']);
  });

  it('offers no command of a module that is not enabled', async () => {
    const { run } = cli([]);
    await expect(run('tools', 'echo', '--text', 'hi')).rejects.toThrow(/unknown command 'tools'/);
  });

  it('refuses a command name the CLI or another module already has', () => {
    const clash = defineModule({
      name: 'clash',
      commands: [{ name: 'start', description: 'x', run: () => {} }],
    });
    expect(() => cli([clash])).toThrow('command start of clash is already declared by opsdesk');
    expect(() => cli([tools, defineModule({ name: 'other', commands: tools.commands! })])).toThrow(
      'command tools of other is already declared by tools',
    );
  });
});
