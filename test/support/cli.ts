// The hops CLI run in memory, as the end-to-end tests run it: arguments, the folder it runs in, its environment and,
// when given, its standard input; what it printed and its exit code come back.
import { main } from '../../src/cli/index.js';
import { memoryIO } from '../../src/cli/io.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runHops(args: string[], cwd: string, env: Record<string, string | undefined> = {}, stdin?: CliIO['stdin']): Promise<CliRun> {
  const io = memoryIO(cwd, env);
  const code = await main(args, stdin ? { ...io, stdin } : io);
  return { code, out: io.out(), err: io.err() };
}
