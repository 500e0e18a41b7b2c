// Commands whose code loads only when they run. Each one's module (options, action and everything the action
// imports: a façade and its pipeline) costs 70–250 ms to load; a run needs one of them, `hops --help` none. So the
// program gets a placeholder per command — its name, description and the term the command list shows — and, when
// commander dispatches to it (to run it or print its help), the command's module is imported and its register
// function fills in that same placeholder.
import { Help } from 'commander';
import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export interface LazySpec {
  name: string;
  /** As the command's own registration gives it (a test compares). */
  description: string;
  /** How `hops --help` lists it: name, ` [options]` when it has options, its arguments. */
  term: string;
  load(): Promise<RegisterCommand>;
}

const terms = new WeakMap<Command, string>();

/** The root's help lists placeholders by their term (they have no options or arguments of their own yet). */
function listPlaceholders(program: Command): void {
  const config = program.configureHelp();
  if (config.subcommandTerm) return;
  program.configureHelp({
    ...config,
    subcommandTerm(this: Help, cmd: Command): string {
      return terms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
}

/**
 * The program as the command's register function sees it: `command(name)` hands back the placeholder instead of
 * creating a command; everything else is the program's.
 */
function onto(program: Command, stub: Command): Command {
  return new Proxy(program, {
    get(target, prop) {
      if (prop === 'command') {
        return (nameAndArgs: string, ...more: unknown[]): Command => {
          const [name, ...args] = nameAndArgs.trim().split(/ +/);
          if (name !== stub.name() || more.length > 0) throw new Error(`lazy command ${stub.name()} registered ${nameAndArgs} instead`);
          if (args.length > 0) stub.arguments(args.join(' '));
          return stub;
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

export function lazyCommand(spec: LazySpec): RegisterCommand {
  return (program, ctx) => {
    listPlaceholders(program);
    const stub = program.command(spec.name).description(spec.description);
    terms.set(stub, spec.term);
    // `hops help <name>` asks the command for its help directly, then falls back to dispatching `<name> --help`:
    // until the command is loaded, the direct way says nothing, so the fallback loads it and prints the real help
    Object.defineProperty(stub, 'help', { value: () => undefined, configurable: true, writable: true });
    let loaded: Promise<void> | undefined;
    program.hook('preSubcommand', async (_root, sub) => {
      if (sub !== stub) return;
      loaded ??= spec.load().then((register) => {
        delete (stub as { help?: unknown }).help;
        register(onto(program, stub), ctx);
      });
      await loaded;
    });
  };
}
