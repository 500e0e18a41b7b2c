// src/report: formatters that turn findings into text, json, junit, tap, sarif or GitHub annotations.
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import type { SarifOptions } from './sarif.js';
import { formatTap } from './tap.js';
import { formatText } from './text.js';
import type { Report } from './report.js';

export type { Report, ReportSummary, CheckedObject } from './report.js';
export { summaryLine } from './report.js';
export { formatText, formatJson, formatJunit, formatTap, formatSarif, formatGithub };
export type { SarifOptions };

export const FORMATS = ['text', 'json', 'junit', 'tap', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Formats a report; `summary` adds the closing count line to text output (other formats always carry counts). */
export function formatReport(format: Format, report: Report, opts: { summary?: boolean } & SarifOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, opts);
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'tap':
      return formatTap(report);
    case 'sarif':
      return formatSarif(report, opts);
    case 'github':
      return formatGithub(report);
  }
}
