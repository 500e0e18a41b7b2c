// A malformed document separator is reported with its position, never with the text after it (it may be a value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourcesFromText } from './read-resources.js';

test('invalid document separator: file:line, no quoted text', () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n--- hunter2-value\nstringData:\n  a: b\n';
  assert.throws(
    () => resourcesFromText(text, 'apps/secret.yaml'),
    (e: Error) => {
      assert.match(e.message, /^apps\/secret\.yaml:5: invalid document separator/);
      assert.doesNotMatch(e.message, /hunter2/);
      return true;
    },
  );
});
