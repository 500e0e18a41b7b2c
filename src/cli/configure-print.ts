// What `hops configure` and `hops vars` print: findings on stderr (errors first, info left out), and configure's
// result as JSON, or as the rendered file, the diff, the --check list and a closing count line.
import { formatFinding, type Finding } from '../core/finding.js';
import { isChange } from '../render/apply/changes.js';
import type { ConfigureResult } from '../render/configure.js';
import type { CliIO } from './io.js';

export function printFindings(findings: readonly Finding[], write: (s: string) => void): void {
  const order = { error: 0, warning: 1, info: 2 } as const;
  for (const f of [...findings].sort((a, b) => order[a.severity] - order[b.severity])) {
    if (f.severity === 'info') continue;
    write(formatFinding(f) + '\n');
  }
}

/** The flags that decide what configure prints. */
export interface PrintFlags {
  json: boolean;
  diff: boolean;
  check: boolean;
  quiet: boolean;
}

/** `--json`: the result as one document on stdout. */
export function configureJson(result: ConfigureResult, withDiff: boolean): string {
  const doc = {
    exitCode: result.exitCode,
    written: result.written,
    findings: result.findings,
    changes: result.changes.map((c) => ({ path: c.path, kind: c.kind, ...(c.from ? { from: c.from } : {}) })),
    ...(withDiff ? { diff: result.diff } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The closing line on stderr: the error count, or what was (or would be) written; null when there is none. */
export function closingLine(result: ConfigureResult, quiet: boolean): string | null {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) return `hops configure: ${errors} error${errors === 1 ? '' : 's'}; nothing written\n`;
  if (quiet || result.stdout !== null) return null;
  const n = (k: string) => result.changes.filter((c) => c.kind === k).length;
  const verb = result.written ? '' : 'would be ';
  return (
    `hops configure: ${result.outputs.size + n('kept')} files (${n('create')} ${verb}created, ${n('update')} ${verb}updated, ${n('unchanged')} unchanged` +
    `${n('delete') ? `, ${n('delete')} ${verb}pruned` : ''}${n('stale') ? `, ${n('stale')} stale` : ''}${n('kept') ? `, ${n('kept')} kept (force is off)` : ''})` +
    `${result.written ? '' : '; nothing written'}\n`
  );
}

/** Print a configure() result the way the flags ask. */
export function printConfigureResult(result: ConfigureResult, flags: PrintFlags, io: Pick<CliIO, 'stdout' | 'stderr'>): void {
  if (flags.json) {
    io.stdout.write(configureJson(result, flags.diff));
    return;
  }
  if (result.stdout !== null) io.stdout.write(result.stdout);
  if (flags.diff) io.stdout.write(result.diff);
  if (flags.check) {
    for (const c of result.changes) if (isChange(c)) io.stdout.write(`would ${c.kind} ${c.path}\n`);
  }
  printFindings(result.findings, (s) => io.stderr.write(s));
  const closing = closingLine(result, flags.quiet || result.config?.quiet === true);
  if (closing !== null) io.stderr.write(closing);
}
