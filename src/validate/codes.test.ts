// Every code docs/validate.md lists has the default severity the page gives it (its first word); every rule is on
// the page with the severity the rule declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../test/support/env.js';
import { defaultSeverity } from './codes.js';
import { rules } from './rules/index.js';

/** The reference's code table: code → the severity its row starts with. */
function documentedSeverities(): Map<string, string> {
  const page = readFileSync(join(projectRoot, 'docs', 'validate.md'), 'utf8');
  const rows = [...page.matchAll(/^\| ((?:`[a-z-]+`(?:, )?)+) \| (error|warning|info)\b/gm)];
  assert.ok(rows.length >= 30, String(rows.length));
  const out = new Map<string, string>();
  for (const [, codes, severity] of rows) for (const code of codes!.match(/[a-z-]+/g)!) out.set(code, severity!);
  return out;
}

test('default severities: every rule is documented with the severity it declares; codes are unique', () => {
  const documented = documentedSeverities();
  for (const r of rules) assert.equal(documented.get(r.code), r.severity, `${r.code}: docs/validate.md's table vs the rule's declared severity`);
  assert.equal(new Set(rules.map((r) => r.code)).size, rules.length, 'two rules share a code');
});

test('default severities: every documented code has the severity the reference gives it', () => {
  for (const [code, severity] of documentedSeverities()) assert.equal(defaultSeverity(code), severity, code);
  assert.equal(defaultSeverity('no-such-code'), undefined);
});
