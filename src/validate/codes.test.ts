// Every code docs/validate.md lists has the default severity the page gives it (its first word), rules their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../test/support/env.js';
import { defaultSeverity } from './codes.js';
import { rules } from './rules/index.js';

test('default severities: rules as declared, the documented codes as the reference says', () => {
  for (const r of rules) assert.equal(defaultSeverity(r.code), r.severity, r.code);
  const page = readFileSync(join(projectRoot, 'docs', 'validate.md'), 'utf8');
  const rows = [...page.matchAll(/^\| ((?:`[a-z-]+`(?:, )?)+) \| (error|warning|info)\b/gm)];
  assert.ok(rows.length >= 30, String(rows.length));
  for (const [, codes, severity] of rows) {
    for (const code of codes!.match(/[a-z-]+/g)!) assert.equal(defaultSeverity(code), severity, code);
  }
  assert.equal(defaultSeverity('no-such-code'), undefined);
});
