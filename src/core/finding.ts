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
  /**
   * Machine-readable facts of the finding, for programs (reports, the dashboard, later stages) that would otherwise
   * have to parse `message`. Keys are fixed per code and listed where the code is produced, e.g.
   * `undefined-variable`: `{ variables: [...] }` from a build (and validate's per-Kustomization fallback), `{ variable }`
   * for each use validate locates;
   * `duplicate-kustomization`: `{ key, files: [first, other] }`; `remote-resource`: `{ url }`.
   * Never carries a secret value (same rule as `message`).
   */
  data?: Record<string, FindingValue>;
}

/** A value in `Finding.data`. */
export type FindingValue = string | number | boolean | string[];

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
