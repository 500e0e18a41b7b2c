// TAP 13 shaped like kubeconform's: one test point per object (`ok 1 - file (Kind)`, `not ok 2 - file (Kind): why`),
// then one per error about no object. Warnings and notes become `#` comments under their test point.
import type { Finding } from '../core/finding.js';
import { refKey } from './report.js';
import type { Report } from './report.js';

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

export function formatTap(report: Report): string {
  const byObject = new Map<string, Finding[]>();
  const loose: Finding[] = [];
  for (const f of report.findings) {
    if (f.resource) {
      const k = `${f.file ?? ''}|${refKey(f.resource)}`;
      (byObject.get(k) ?? byObject.set(k, []).get(k)!).push(f);
    } else loose.push(f);
  }
  const lines = ['TAP version 13'];
  let n = 0;
  const notes = (fs: Finding[]): void => {
    for (const f of fs) if (f.severity !== 'error') lines.push(`# ${f.severity} ${f.code}: ${oneLine(f.message)}`);
  };
  const seen = new Set<string>();
  const objects = [...(report.checked ?? [])];
  // objects that only findings know of (not in the checked list) still get a test point
  for (const f of report.findings) if (f.resource) objects.push({ resource: f.resource, file: f.file ?? '' });
  for (const o of objects) {
    const k = `${o.file}|${refKey(o.resource)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const fs = byObject.get(k) ?? [];
    const errors = fs.filter((f) => f.severity === 'error');
    n++;
    if (errors.length === 0) lines.push(`ok ${n} - ${o.file} (${o.resource.kind})`);
    else lines.push(`not ok ${n} - ${o.file} (${o.resource.kind}): ${errors.map((f) => oneLine(`${f.code}: ${f.message}`)).join('; ')}`);
    notes(fs);
  }
  for (const f of loose) {
    if (f.severity === 'error') {
      n++;
      lines.push(`not ok ${n} - ${f.file ?? '(repository)'}: ${oneLine(`${f.code}: ${f.message}`)}`);
    } else notes([f]);
  }
  lines.push(`1..${n}`);
  return lines.join('\n') + '\n';
}
