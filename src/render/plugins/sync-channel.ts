// A blocking request/response line channel to one child process. Templates render synchronously, yet a plugin
// function may live in a Python process; so a worker thread owns the child and its pipes, and the main thread
// blocks on Atomics.wait until the worker has the answer (then takes it with receiveMessageOnPort).
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

const WORKER = String.raw`
const { workerData, parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { shared, port, command, args, cwd, env } = workerData;
const state = new Int32Array(shared);
let stderr = '';
let buf = '';
let dead = null;
let pending = false;
const reply = (msg) => {
  pending = false;
  port.postMessage(msg);
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
};
const fatal = () => reply({ fatal: dead, stderr });
let child = null;
try {
  child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
} catch (e) {
  dead = { code: e.code || 'SPAWN', message: e.message };
}
if (child) {
  child.on('error', (e) => { dead = { code: e.code || 'SPAWN', message: e.message }; if (pending) fatal(); });
  child.on('exit', (code, signal) => {
    dead = dead || { code: 'EXIT', message: 'exited with ' + (code === null ? signal : 'status ' + code) };
    if (pending) fatal();
  });
  child.stdin.on('error', () => {});
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (pending) reply({ line });
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-16000); });
}
parentPort.on('message', (msg) => {
  if (msg && msg.close) {
    if (child && !dead) { child.stdin.end(msg.line + '\n'); setTimeout(() => { try { child.kill(); } catch {} }, 2000).unref(); }
    reply({ closed: true });
    return;
  }
  if (dead) return fatal();
  pending = true;
  child.stdin.write(msg.line + '\n');
});
`;

export class ChannelError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export class SyncChannel {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private closed = false;

  constructor(command: string, args: string[], opts: { cwd: string; env: Record<string, string | undefined> }) {
    const shared = new SharedArrayBuffer(4);
    this.state = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { shared, port: port2, command, args, cwd: opts.cwd, env: opts.env },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
  }

  /** Send one line and wait for the answering line. Throws ChannelError when the process is gone or silent. */
  request(line: string, timeoutMs = 120_000): string {
    if (this.closed) throw new ChannelError('the plugin process was already closed', 'CLOSED', '');
    Atomics.store(this.state, 0, 0);
    this.worker.postMessage({ line });
    const r = Atomics.wait(this.state, 0, 0, timeoutMs);
    if (r === 'timed-out') throw new ChannelError(`no answer within ${Math.round(timeoutMs / 1000)} s`, 'TIMEOUT', '');
    const msg = receiveMessageOnPort(this.port)?.message as { line?: string; fatal?: { code: string; message: string }; stderr?: string } | undefined;
    if (!msg) throw new ChannelError('lost the answer of the plugin process', 'LOST', '');
    if (msg.fatal) throw new ChannelError(msg.fatal.message, msg.fatal.code, msg.stderr ?? '');
    return msg.line ?? '';
  }

  /** Tell the child to stop (`exitLine`), then end the worker. */
  close(exitLine: string): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.state, 0, 0);
    this.worker.postMessage({ close: true, line: exitLine });
    Atomics.wait(this.state, 0, 0, 5000);
    void this.worker.terminate();
  }
}
