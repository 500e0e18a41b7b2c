// Checks of a resolved configuration that need every setting in place: the newline sequence, inputs and data files
// that must exist, and exclude patterns makejinja would choke on. Each finding points at the setting's file and line.
import { existsSync } from 'node:fs';
import type { Finding } from '../../core/finding.js';
import { originLoc } from './output-inside.js';
import type { ResolvedConfig } from './resolve.js';

export function checkResolved(config: ResolvedConfig, rel: (p: string) => string): Finding[] {
  const findings: Finding[] = [];
  const { origins } = config;
  const nl = config.newlineSequence as string;
  if (nl !== '\n' && nl !== '\r\n' && nl !== '\r') {
    findings.push({ code: 'config-invalid', severity: 'error', message: `newline_sequence must be "\\n", "\\r\\n" or "\\r"`, ...originLoc(origins.get('whitespace.newline_sequence'), rel) });
  }
  for (const p of config.inputs) {
    if (!existsSync(p)) findings.push({ code: 'config-missing-input', severity: 'error', message: `input ${rel(p)} does not exist`, ...originLoc(origins.get('inputs'), rel) });
  }
  for (const p of config.data) {
    if (!existsSync(p)) {
      findings.push({
        code: 'config-missing-data',
        severity: 'error',
        message: `data file ${rel(p)} does not exist`,
        ...originLoc(origins.get('data'), rel),
        hint: `create ${rel(p)} (often by copying a sample config the repo ships) or fix the "data" setting`,
      });
    }
  }
  for (const p of config.excludePatterns) {
    // Path.match raises "empty pattern" for a pattern without parts; makejinja would stop with a traceback
    if (p.split('/').every((part) => part === '' || part === '.')) {
      findings.push({
        code: 'config-invalid',
        severity: 'error',
        message: `exclude pattern ${JSON.stringify(p)} is empty (it names no file or folder)`,
        ...originLoc(origins.get('exclude_patterns'), rel),
        hint: 'remove it from exclude_patterns, or give a pattern such as "*.partial.yaml.j2"',
      });
    } else if (p.includes('**')) {
      findings.push({
        code: 'config-recursive-exclude',
        severity: 'warning',
        message: `exclude pattern "${p}": the recursive wildcard ** is not supported by exclude_patterns (it acts like *)`,
        ...originLoc(origins.get('exclude_patterns'), rel),
      });
    }
  }
  return findings;
}
