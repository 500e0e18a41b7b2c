// Machine output: `{findings: [{code, severity, message, resource, file, line, col, hint, data}], summary}`.
import type { Report } from './report.js';

export function formatJson(report: Report): string {
  const findings = report.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    ...(f.resource ? { resource: f.resource } : {}),
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.col !== undefined ? { col: f.col } : {}),
    ...(f.hint !== undefined ? { hint: f.hint } : {}),
    ...(f.data !== undefined ? { data: f.data } : {}),
  }));
  return JSON.stringify(report.summary ? { findings, summary: report.summary } : { findings }, null, 2) + '\n';
}
