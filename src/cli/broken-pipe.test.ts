import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { EXIT } from '../core/errors.js';
import { endOnBrokenPipe, streamErrorHandler, type StreamEnd } from './broken-pipe.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`write ${code}`), { code });

/** A stream that keeps what is written to it. */
function sink(): Writable & { text: () => string } {
  let text = '';
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return Object.assign(w, { text: () => text });
}

function recorder(stderr: NodeJS.WritableStream) {
  const ended: Array<number | 'SIGPIPE'> = [];
  const end: StreamEnd = { stderr, exit: (code) => void ended.push(code), sigpipe: () => void ended.push('SIGPIPE') };
  return { end, ended };
}

test('broken pipe: EPIPE on stdout ends as SIGPIPE, silently', () => {
  const stderr = sink();
  const { end, ended } = recorder(stderr);
  streamErrorHandler('stdout', sink(), end)(errno('EPIPE'));
  assert.deepEqual(ended, ['SIGPIPE']);
  assert.equal(stderr.text(), '');
});

test('broken pipe: another stdout error is one line on stderr and exit 1, not a thrown error', () => {
  const stderr = sink();
  const { end, ended } = recorder(stderr);
  for (const code of ['EIO', 'ENOSPC', 'EBADF']) assert.doesNotThrow(() => streamErrorHandler('stdout', sink(), end)(errno(code)));
  assert.deepEqual(ended, [EXIT.failed, EXIT.failed, EXIT.failed]);
  assert.equal(stderr.text(), 'hops: cannot write to stdout: EIO\nhops: cannot write to stdout: ENOSPC\nhops: cannot write to stdout: EBADF\n');
});

test('broken pipe: an error of stderr itself, or with stderr gone, only sets the exit status', () => {
  const stderr = sink();
  const { end, ended } = recorder(stderr);
  streamErrorHandler('stderr', stderr, end)(errno('EIO'));
  assert.deepEqual(ended, [EXIT.failed]);
  assert.equal(stderr.text(), '');

  const closed = sink();
  closed.end();
  const gone = recorder(closed);
  streamErrorHandler('stdout', sink(), gone.end)(errno('EIO'));
  assert.deepEqual(gone.ended, [EXIT.failed]);
  assert.equal(closed.text(), '');
});

test('broken pipe: installed on real streams, an emitted error reaches the handler (no unhandled error event)', () => {
  const stdout = sink();
  const stderr = sink();
  const ended: Array<number | 'SIGPIPE'> = [];
  endOnBrokenPipe(stdout, stderr, { exit: (code) => void ended.push(code), sigpipe: () => void ended.push('SIGPIPE') });
  stdout.emit('error', errno('EIO'));
  stdout.emit('error', errno('EPIPE'));
  assert.deepEqual(ended, [EXIT.failed, 'SIGPIPE']);
  assert.equal(stderr.text(), 'hops: cannot write to stdout: EIO\n');
});
