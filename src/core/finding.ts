// Findings are data: every stage reports problems as values, the CLI and dashboard decide how to show them.

export type Severity = 'error' | 'warning' | 'info';

export interface ResourceRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Finding {
  /** Stable machine code, e.g. `undefined-variable`, `missing-pvc`. */
  code: string;
  severity: Severity;
  message: string;
  resource?: ResourceRef;
  /** Path relative to the repository root, `/`-separated. */
  file?: string;
  line?: number;
  col?: number;
  /** What the user should do about it. */
  hint?: string;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** `file:line:col` with the parts that are known. */
export function formatLocation(f: Pick<Finding, 'file' | 'line' | 'col'>): string {
  if (!f.file) return '';
  let s = f.file;
  if (f.line !== undefined) {
    s += `:${f.line}`;
    if (f.col !== undefined) s += `:${f.col}`;
  }
  return s;
}

/** One finding as a single human line (plus an indented hint line). */
export function formatFinding(f: Finding): string {
  const loc = formatLocation(f);
  const head = `${loc ? loc + ': ' : ''}${f.severity} ${f.code}: ${f.message}`;
  return f.hint ? `${head}\n  hint: ${f.hint}` : head;
}
