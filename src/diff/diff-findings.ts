// Findings of a diff: the new side's as they are, the old side's marked with its label and never errors (they are
// not the change's fault), a breakage present on both sides demoted to a warning, each reported once. (No finding
// quotes a Secret: src/flux never puts one in.)
import type { Finding } from '../core/finding.js';
import { UNKNOWN_FIELD } from '../flux/lenient-kustomization.js';
import type { Side } from './sides.js';
import type { Unit } from './units.js';

/** Findings of the old side: its errors are not the change's fault, so they are warnings there. */
export function sideFindings(fs: Finding[], side: Side): Finding[] {
  return fs.map((f) => ({ ...f, severity: f.severity === 'error' ? 'warning' : f.severity, message: `[${side.label}] ${f.message}` }));
}

const errors = (u: Unit | undefined): string => (u?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.message).sort().join('\n');

/**
 * Findings of each compared Kustomization, the new side first. A Kustomization that fails the same way on both
 * sides was broken before the change: its errors are reported as warnings and do not fail the diff.
 */
export function unitFindings(pairs: Array<{ before?: Unit; after?: Unit }>, old: Side): Finding[] {
  const out: Finding[] = [];
  for (const p of pairs) {
    const both = p.after !== undefined && !p.after.ok && p.before !== undefined && !p.before.ok && errors(p.before) === errors(p.after);
    // a field Flux drops leaves the build standing: already there before, it is not the change's fault either
    const oldDrops = new Set((p.before?.findings ?? []).filter((f) => f.code === UNKNOWN_FIELD).map((f) => f.message));
    for (const f of p.after?.findings ?? []) {
      if (both && f.severity === 'error') out.push({ ...f, severity: 'warning', message: `${f.message} (it fails on ${old.label} too)` });
      else if (f.code === UNKNOWN_FIELD && f.severity === 'error' && oldDrops.has(f.message)) out.push({ ...f, severity: 'warning', message: `${f.message} (as on ${old.label})` });
      else out.push(f);
    }
  }
  for (const p of pairs) out.push(...sideFindings(p.before?.findings ?? [], old));
  return out;
}

export function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of fs) {
    // the same finding from both sides (a shared build) is reported once, as the new side's
    const k = `${f.code}\0${f.message.replace(/^\[[^\]]*\] /, '').replace(/ \((?:it fails on .* too|as on .*)\)$/, '')}\0${f.file ?? ''}:${f.line ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}
