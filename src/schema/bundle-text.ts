// The bundle's text forms: one-entry-per-line JSON (readable diffs when the bundle is rebuilt) and the NOTICE.
import { fieldName } from './bundle-overrides.js';
import type { AppliedOverride } from './bundle-overrides.js';

export interface NoticeSource {
  section: string;
  repo: string;
  release: string;
  commit: string;
  licence: string;
  /** GVK keys taken from this source. */
  kinds: Set<string>;
}

/**
 * Compact JSON with one entry per line, so a diff of a regenerated bundle shows which kinds changed: leading scalar
 * fields, then each section (an object) with one member per line.
 */
export function jsonLines(scalars: Record<string, unknown>, sections: Record<string, Record<string, unknown>>): string {
  const parts = Object.entries(scalars).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  for (const [name, body] of Object.entries(sections)) {
    const entries = Object.entries(body).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    parts.push(`${JSON.stringify(name)}:{${entries.length ? `\n${entries.join(',\n')}\n` : ''}}`);
  }
  return `{${parts.join(',\n')}}\n`;
}

export function notice(version: string, sources: NoticeSource[], overrides: readonly AppliedOverride[] = []): string {
  const lines = [
    'hops schema bundle',
    '',
    'The JSON Schemas in this folder are derived from the sources below: converted to JSON Schema by',
    'scripts/build-schemas.js (descriptions, defaults, examples and CEL rules removed; strict additionalProperties),',
    `for Kubernetes ${version}. Each source keeps its own licence, named here. Only Apache-2.0 and MIT sources are included.`,
    '',
  ];
  let section = '';
  const sections = [...new Set(sources.map((s) => s.section))];
  const rank = (s: NoticeSource): string => `${sections.indexOf(s.section)}\t${s.repo}\t${s.release}`;
  const ordered = [...sources].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
  for (const s of ordered) {
    if (s.kinds.size === 0) continue;
    if (s.section !== section) {
      section = s.section;
      lines.push('', `## ${section}`, '');
    }
    const groups = [...new Set([...s.kinds].map((k) => k.split('/').slice(0, -2).join('/') || 'core'))].sort();
    lines.push(`- ${s.repo} ${s.release}`);
    lines.push(`  commit ${s.commit}`);
    lines.push(`  licence ${s.licence}`);
    lines.push(`  ${s.kinds.size} kind${s.kinds.size === 1 ? '' : 's'} in ${groups.length > 6 ? `${groups.length} API groups` : groups.join(', ')}`);
  }
  lines.push(...overrideLines(overrides));
  lines.push('');
  return lines.join('\n');
}

/** What the generator changed in upstream schemas (src/schema/bundle-overrides.ts), one entry per field. */
function overrideLines(overrides: readonly AppliedOverride[]): string[] {
  if (overrides.length === 0) return [];
  const lines = ['', '## Changes to upstream schemas', '', 'Listed in src/schema/bundle-overrides.ts; each adds values a cluster accepts, no material of the named project.', ''];
  const byAddition = new Map<AppliedOverride['addition'], string[]>();
  for (const o of overrides) byAddition.set(o.addition, [...(byAddition.get(o.addition) ?? []), o.version]);
  for (const [a, versions] of byAddition) {
    lines.push(`- ${a.group} ${a.kind} (${[...versions].sort().join(', ')}): ${fieldName(a.path)} also accepts ${a.values.join(', ')}`);
    lines.push(`  because ${a.why}`);
  }
  return lines;
}
