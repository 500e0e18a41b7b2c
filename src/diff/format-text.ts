// `-o text` (flux diff style) and `-o diff` (a plain unified patch), plus the one-line summary both print.
import type { ObjectDiff } from './compare.js';
import { displayId, statusCounts } from './compare.js';
import type { DiffResult, KsFailure, KsSummary } from './result.js';

export interface TextOptions {
  color?: boolean;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function colorLine(on: boolean, l: string): string {
  if (!on) return l;
  if (l.startsWith('@@')) return paint(true, '36', l);
  if (l.startsWith('+')) return paint(true, '32', l);
  if (l.startsWith('-')) return paint(true, '31', l);
  return l;
}

/** Counts of changed/added/removed objects and Kustomizations, as one sentence. */
export function summaryLine(r: DiffResult): string {
  const n = statusCounts(r.objects);
  const kss = new Set(r.objects.map((o) => o.owner)).size;
  const skipped = r.skipped > 0 ? `; ${r.skipped} Kustomization${r.skipped === 1 ? '' : 's'} unchanged (not rebuilt)` : '';
  const nf = failed(r).length;
  const notCompared = nf > 0 ? `; ${nf} Kustomization${nf === 1 ? '' : 's'} not compared (failing to build)` : '';
  if (r.objects.length === 0) return `no changes between ${r.from} and ${r.to}${notCompared}${skipped}`;
  return `${n.changed} changed, ${n.added} added, ${n.removed} removed in ${kss} Kustomization${kss === 1 ? '' : 's'} (${r.from} → ${r.to})${notCompared}${skipped}`;
}

/** Kustomizations not compared because they fail to build on a side (or one above them does). */
export function failed(r: DiffResult): KsSummary[] {
  return r.kustomizations.filter((k) => k.failure !== undefined);
}

/** `fails to build on working tree` / `is not built on HEAD` / `fails to build on both sides`. */
export function failedOn(r: DiffResult, f: KsFailure): string {
  const verb = f.code === 'parent-failed' ? 'is not built' : 'fails to build';
  return `${verb} ${f.side === 'both' ? 'on both sides' : `on ${f.side === 'new' ? r.to : r.from}`}`;
}

/** One line per failed Kustomization: what, where, why, and that it is not compared. */
export function failureLine(r: DiffResult, k: KsSummary): string {
  const f = k.failure!;
  const at = f.file ? ` (${f.file}${f.line !== undefined ? ':' + f.line : ''})` : '';
  return `Kustomization ${k.id}${k.path ? ` (${k.path})` : ''} ${failedOn(r, f)}, not compared: ${f.reason.replace(/[\r\n]+/g, ' ')}${at}`;
}

/** The failed Kustomizations, each with those not built below it (listed under it rather than one by one). */
export function failureGroups(r: DiffResult): Array<{ ks: KsSummary; below: string[] }> {
  const all = failed(r);
  const shown = new Set(all.filter((k) => k.failure!.code !== 'parent-failed').map((k) => k.id));
  return all
    .filter((k) => !(k.failure!.parent && shown.has(k.failure!.parent)))
    .map((ks) => ({ ks, below: all.filter((k) => k.failure!.parent === ks.id && k !== ks).map((k) => k.id) }));
}

/** `nor the 2 Kustomizations below it (not built): a/b, c/d`, or ''. */
export function belowLine(below: readonly string[]): string {
  return below.length ? `nor the ${below.length === 1 ? 'Kustomization' : `${below.length} Kustomizations`} below it (not built): ${below.join(', ')}` : '';
}

/** Objects grouped by Flux Kustomization, keeping their order. */
export function byOwner(objects: readonly ObjectDiff[]): Map<string, ObjectDiff[]> {
  const m = new Map<string, ObjectDiff[]>();
  for (const o of objects) {
    const l = m.get(o.owner);
    if (l) l.push(o);
    else m.set(o.owner, [o]);
  }
  return m;
}

export function formatText(r: DiffResult, opts: TextOptions = {}): string {
  const on = opts.color === true;
  let out = '';
  // first: Flux applies nothing of these until they build, so the cluster keeps what it last applied of them
  for (const { ks, below } of failureGroups(r)) out += paint(on, '1;31', `✖ ${failureLine(r, ks)}`) + '\n' + (below.length ? `  ${belowLine(below)}\n` : '') + '\n';
  for (const [owner, objs] of byOwner(r.objects)) {
    const ks = r.kustomizations.find((k) => k.id === owner);
    out += paint(on, '1', `Kustomization ${owner}${ks?.path ? ` (${ks.path})` : ''}${ks && ks.status !== 'changed' ? ` ${ks.status}` : ''}`) + '\n';
    for (const o of objs) {
      out += `► ${displayId(o.id)} ${o.status}\n`;
      for (const f of o.fields) out += `  ${paint(on, '33', f)}\n`;
      for (const l of o.diff.split('\n')) if (l) out += colorLine(on, l) + '\n';
    }
    out += '\n';
  }
  return out;
}

function patchPath(o: ObjectDiff): string {
  return `${o.id.kind}/${o.id.namespace || '_cluster'}/${o.id.name}.yaml`;
}

/** A unified patch of the objects' YAML (`a/<Kind>/<namespace>/<name>.yaml`), readable by patch tools. */
export function formatPatch(r: DiffResult): string {
  let out = '';
  for (const o of r.objects) {
    const p = patchPath(o);
    out += `--- ${o.status === 'added' ? '/dev/null' : 'a/' + p}\n+++ ${o.status === 'removed' ? '/dev/null' : 'b/' + p}\n${o.diff}`;
  }
  return out;
}
