// SARIF 2.1.0 for GitHub code scanning: one run, a rule per finding code (with its description and default level when
// known), results located by repository-relative file, line and column, each with its own level.
import type { Finding, Severity } from '../core/finding.js';
import type { Report } from './report.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  version?: string;
  informationUri?: string;
  /** Descriptions per code, for the rules table. */
  describe?: (code: string) => string | undefined;
  /**
   * Each code's own severity (a rule's declared one), for the rules table's defaultConfiguration.level; results keep
   * their own level. Codes it does not know take the most severe of their findings.
   */
  defaultSeverity?: (code: string) => Severity | undefined;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const r: Record<string, unknown> = {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message}\nhint: ${f.hint}` : f.message },
  };
  if (f.file) {
    const region: Record<string, number> = {};
    if (f.line !== undefined && f.line > 0) region['startLine'] = f.line;
    if (f.col !== undefined && region['startLine'] !== undefined) region['startColumn'] = f.col;
    r['locations'] = [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          ...(Object.keys(region).length ? { region } : {}),
        },
      },
    ];
  }
  if (f.resource || f.data) r['properties'] = { ...(f.resource ? { resource: f.resource } : {}), ...(f.data ? { data: f.data } : {}) };
  return r;
}

export function formatSarif(report: Report, opts: SarifOptions = {}): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((id) => {
    const text = opts.describe?.(id) ?? id;
    const level = opts.defaultSeverity?.(id) ?? report.findings.filter((f) => f.code === id).reduce<Severity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'info');
    return { id, shortDescription: { text }, defaultConfiguration: { level: LEVEL[level] } };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool ?? 'hops',
            ...(opts.version ? { version: opts.version } : {}),
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules,
          },
        },
        results: report.findings.map((f) => result(f, index.get(f.code)!)),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
