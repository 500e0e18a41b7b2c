// `hops schemas list | head -1`: the reader closes the pipe early. hops must stop quietly, as git and kubectl do
// (ended by SIGPIPE), never with Node's "Unhandled 'error' event" stack trace. Runs the built CLI (bin/hops.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, skipNotice } from '../support/env.js';

const bin = join(projectRoot, 'bin', 'hops.js');
const built = existsSync(join(projectRoot, 'dist', 'src', 'cli', 'broken-pipe.js'));

interface Ended {
  first: string;
  err: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Run hops, read `chunks` chunks of its stdout (0: none), then close the pipe. */
function readThenClose(args: string[], chunks: number): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let err = '';
    let seen = 0;
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    if (chunks === 0) child.stdout.destroy();
    else
      child.stdout.on('data', (b: Buffer) => {
        if (seen++ === 0) first = b.toString('utf8');
        if (seen >= chunks) child.stdout.destroy();
      });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ first, err, code, signal }));
  });
}

const skip = built ? false : skipNotice('broken-pipe tests', 'dist/ is not built (npm run build)');

for (const [name, chunks] of [
  ['after the first chunk (| head -1)', 1],
  ['before anything was read (| true)', 0],
] as const) {
  test(`schemas list whose reader closes the pipe ${name} ends quietly, like git`, { skip }, async () => {
    const r = await readThenClose(['schemas', 'list'], chunks);
    assert.equal(r.err, '', 'nothing on stderr, no stack trace');
    if (chunks > 0) assert.match(r.first, /^\S+\/v\S+\/\S+ /, 'the listing started');
    // Killed by SIGPIPE as git and kubectl are (the shell shows 141); where there is no such signal, exit 141.
    assert.ok(r.signal === 'SIGPIPE' || r.code === 141, `ended by SIGPIPE, got code ${r.code} signal ${r.signal}`);
  });
}
