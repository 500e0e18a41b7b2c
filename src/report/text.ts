// Human output: findings grouped by file, each with line:col, severity, code and message, the hint under it.
import type { Finding } from '../core/finding.js';
import { summaryLine } from './report.js';
import type { Report } from './report.js';

function row(f: Finding): string {
  const at = f.line !== undefined ? `${f.line}${f.col !== undefined ? ':' + f.col : ''}` : '-';
  const head = `  ${at.padEnd(7)} ${f.severity.padEnd(7)} ${f.code}  ${f.message}`;
  return f.hint ? `${head}\n  ${' '.repeat(7)} ${' '.repeat(7)} hint: ${f.hint}` : head;
}

export function formatText(report: Report, opts: { summary?: boolean } = {}): string {
  const out: string[] = [];
  let file: string | undefined | null = null;
  for (const f of report.findings) {
    if (f.file !== file) {
      if (file !== null) out.push('');
      out.push(f.file ?? '(repository)');
      file = f.file;
    }
    out.push(row(f));
  }
  if (opts.summary && report.summary) {
    if (out.length > 0) out.push('');
    out.push(summaryLine(report.summary));
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
