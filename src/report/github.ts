// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=code::message`, shown as annotations on the
// pull request. Infos are notices. Values are escaped as the runner expects (%, CR, LF; also : and , in properties).
import type { Finding } from '../core/finding.js';
import type { Report } from './report.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(f: Finding): string {
  const props: string[] = [];
  if (f.file) props.push(`file=${prop(f.file)}`);
  if (f.file && f.line !== undefined && f.line > 0) props.push(`line=${f.line}`);
  if (f.file && f.col !== undefined && f.line !== undefined) props.push(`col=${f.col}`);
  props.push(`title=${prop(f.code)}`);
  const text = f.hint ? `${f.message}\nhint: ${f.hint}` : f.message;
  return `::${COMMAND[f.severity]} ${props.join(',')}::${data(text)}`;
}

export function formatGithub(report: Report): string {
  return report.findings.map(annotation).join('\n') + (report.findings.length ? '\n' : '');
}
