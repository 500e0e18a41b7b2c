// Commands load when they run: the placeholders `hops --help` lists must say what the commands' own registrations
// say, and running a command or asking for its help (either way) must reach the real command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command, Help } from 'commander';
import { buildProgram, main } from './index.js';
import type { CommandContext } from './index.js';
import { memoryIO } from './io.js';
import { commands } from './commands/index.js';

const ctx = (): CommandContext => ({ io: memoryIO('/nonexistent'), setExit: () => undefined });
const modules: Record<string, () => Promise<Record<string, unknown>>> = {
  configure: () => import('./commands/configure.js'),
  vars: () => import('./commands/vars.js'),
  schemas: () => import('./commands/schemas.js'),
  build: () => import('./commands/build.js'),
  validate: () => import('./commands/validate.js'),
  diff: () => import('./commands/diff.js'),
  new: () => import('./commands/new.js'),
};

test('each placeholder lists the name, term and description its command registers', async () => {
  const program = buildProgram(ctx());
  assert.equal(program.commands.length, commands.length);
  const help = program.createHelp();
  for (const stub of program.commands) {
    const load = modules[stub.name()];
    assert.ok(load, `a test entry for ${stub.name()}`);
    const mod = await load();
    const register = Object.entries(mod).find(([k]) => k.startsWith('register'))![1] as (p: Command, c: CommandContext) => void;
    const real = new Command('hops');
    register(real, ctx());
    const cmd = real.commands.find((c) => c.name() === stub.name())!;
    assert.equal(stub.description(), cmd.description(), stub.name());
    assert.equal(help.subcommandTerm(stub), new Help().subcommandTerm(cmd), stub.name());
    // nothing is registered until the command runs
    assert.equal(stub.options.length, 0, stub.name());
  }
});

test('running a command or asking for its help loads it', async () => {
  for (const name of Object.keys(modules)) {
    const a = memoryIO('/nonexistent');
    assert.equal(await main([name, '--help'], a), 0, a.err());
    const b = memoryIO('/nonexistent');
    assert.equal(await main(['help', name], b), 0, b.err());
    assert.equal(b.out(), a.out(), name);
    assert.match(a.out(), new RegExp(`^Usage: hops ${name} `));
  }
  const v = memoryIO('/nonexistent');
  await main(['validate', '--help'], v);
  assert.match(v.out(), /--disable <codes>/);
  const d = memoryIO('/nonexistent');
  await main(['diff', 'all', '--help'], d);
  assert.match(d.out(), /--full/);
  // an unknown command still gets a suggestion
  const u = memoryIO('/nonexistent');
  assert.equal(await main(['bild'], u), 2);
  assert.match(u.err(), /unknown command 'bild'\n\(Did you mean build\?\)/);
});

test('the command list of hops --help', async () => {
  const io = memoryIO('/nonexistent');
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.out(), /\n {2}validate \[options\] \[paths\.\.\.\] {2}check every resource/);
  assert.match(io.out(), /\n {2}help \[command\] +display help for command\n$/);
});
