// `namespace:` id conflicts, as kustomize checks them: after each resource is moved, its id must be unique among the
// resources moved so far and those not yet moved (checked against the real kustomize when it is at hand).
import { runCases } from '../../../test/e2e/kustomize-harness.js';

const cm = (name: string, ns?: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  k: v\n`;
const nsObj = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

runCases('namespace conflicts', [
  {
    name: 'moved onto one not yet moved',
    files: { 'kustomization.yaml': 'namespace: apps\nresources:\n- a.yaml\n- b.yaml\n', 'a.yaml': cm('x'), 'b.yaml': cm('x', 'apps') },
    want: { error: /namespace transformation produces ID conflict/ },
  },
  {
    name: 'moved onto one moved before',
    files: { 'kustomization.yaml': 'namespace: apps\nresources:\n- a.yaml\n- b.yaml\n', 'a.yaml': cm('x', 'other'), 'b.yaml': cm('x') },
    want: { error: /namespace transformation produces ID conflict/ },
  },
  {
    name: 'two Namespace objects renamed to one',
    files: { 'kustomization.yaml': 'namespace: apps\nresources:\n- a.yaml\n- b.yaml\n', 'a.yaml': nsObj('one'), 'b.yaml': nsObj('two') },
    want: { error: /namespace transformation produces ID conflict/ },
  },
  {
    name: 'same names in other kinds and namespaces do not conflict',
    files: {
      'kustomization.yaml': 'namespace: apps\nresources:\n- a.yaml\n- b.yaml\n- c.yaml\n',
      'a.yaml': cm('x'),
      'b.yaml': cm('x', 'apps').replace('kind: ConfigMap', 'kind: Secret'),
      'c.yaml': nsObj('apps'),
    },
    want: `apiVersion: v1
kind: Namespace
metadata:
  name: apps
---
apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  name: x
  namespace: apps
---
apiVersion: v1
data:
  k: v
kind: Secret
metadata:
  name: x
  namespace: apps
`,
  },
]);
