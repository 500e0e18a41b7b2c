// JUnit XML shaped like kubeconform's: one <testsuite> per file, one <testcase> per object (name `namespace/name`,
// classname `Kind@apiVersion`), a <failure> per error. Findings about no object (a Kustomization that does not build)
// become test cases named after their code. Warnings and notes go to <system-out>, so they show without failing.
import type { Finding } from '../core/finding.js';
import { refKey } from './report.js';
import type { CheckedObject, Report } from './report.js';
import { xmlEscape as x } from './xml.js';

interface Case {
  name: string;
  classname: string;
  failures: Finding[];
  notes: Finding[];
}

const caseName = (c: CheckedObject['resource']): string => (c.namespace ? `${c.namespace}/${c.name}` : c.name);

export function formatJunit(report: Report): string {
  const suites = new Map<string, Map<string, Case>>();
  const suite = (file: string): Map<string, Case> => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = new Map()));
    return s;
  };
  const caseFor = (file: string, key: string, name: string, classname: string): Case => {
    const s = suite(file);
    let c = s.get(key);
    if (!c) s.set(key, (c = { name, classname, failures: [], notes: [] }));
    return c;
  };
  for (const o of report.checked ?? []) caseFor(o.file, refKey(o.resource), caseName(o.resource), `${o.resource.kind}@${o.resource.apiVersion ?? ''}`);
  for (const f of report.findings) {
    const file = f.file ?? '(repository)';
    const c = f.resource
      ? caseFor(file, refKey(f.resource), caseName(f.resource), `${f.resource.kind}@${f.resource.apiVersion ?? ''}`)
      : caseFor(file, `code:${f.code}`, f.code, report.tool ?? 'hops');
    (f.severity === 'error' ? c.failures : c.notes).push(f);
  }
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  let id = 0;
  for (const [file, cases] of suites) {
    const list = [...cases.values()];
    const failed = list.filter((c) => c.failures.length > 0).length;
    tests += list.length;
    failures += failed;
    body.push(`  <testsuite name="${x(file)}" id="${++id}" tests="${list.length}" failures="${failed}" errors="0" disabled="0" skipped="0">`);
    for (const c of list) {
      const inner: string[] = [];
      for (const f of c.failures) inner.push(`      <failure message="${x(f.message)}" type="${x(f.code)}">${x(detail(f))}</failure>`);
      if (c.notes.length > 0) inner.push(`      <system-out>${x(c.notes.map((f) => `${f.severity} ${f.code}: ${f.message}`).join('\n'))}</system-out>`);
      const open = `    <testcase name="${x(c.name)}" classname="${x(c.classname)}">`;
      body.push(inner.length ? `${open}\n${inner.join('\n')}\n    </testcase>` : `${open}</testcase>`);
    }
    body.push('  </testsuite>');
  }
  const time = report.summary?.ms !== undefined ? (report.summary.ms / 1000).toFixed(3) : '0';
  const head = `<testsuites name="${x(report.tool ?? 'hops')}" time="${time}" tests="${tests}" failures="${failures}" disabled="0" errors="0">`;
  return body.length ? `${head}\n${body.join('\n')}\n</testsuites>\n` : `${head}</testsuites>\n`;
}

function detail(f: Finding): string {
  const at = f.file ? `${f.file}${f.line !== undefined ? ':' + f.line : ''}` : '';
  return [at, f.hint ? `hint: ${f.hint}` : ''].filter(Boolean).join('\n');
}
