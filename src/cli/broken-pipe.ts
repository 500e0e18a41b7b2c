// A reader that stops early (`hops schemas list | head -1`) closes the pipe, and the next write fails with EPIPE;
// unhandled, Node prints a stack trace. Do what git and kubectl do instead: stop at once, silently, ended by SIGPIPE
// (the shell shows 141, and `set -o pipefail` sees it as it does for them). Nothing is half-written: configure's
// writes are synchronous, and this handler runs only between them.

const SIGPIPE_STATUS = 128 + 13;

/** Install on the process's stdout and stderr, once, before the CLI runs. */
export function endOnBrokenPipe(streams: readonly NodeJS.WritableStream[]): void {
  for (const stream of streams) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      dieOfSigpipe();
    });
  }
}

function dieOfSigpipe(): never {
  try {
    // Node ignores SIGPIPE; adding and removing a listener restores the default action, which ends the process.
    const none = () => {};
    process.on('SIGPIPE', none).off('SIGPIPE', none);
    process.kill(process.pid, 'SIGPIPE');
  } catch {
    // no SIGPIPE here (Windows): the exit status alone says it
  }
  process.exit(SIGPIPE_STATUS);
}
