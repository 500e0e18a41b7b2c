// What `helm template` prints, split the way helm-controller sees it: every manifest is printed as
// `---\n# Source: <path>\n<body>`; CRDs from a chart's `crds/` folder come first and never reach the post-renderers
// (helm installs them on its own), hooks are marked by the `helm.sh/hook` annotation.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { parseYamlDocuments } from '../io/yaml-read.js';

export interface HelmDoc {
  /** The `# Source:` path helm printed (`<chart>/templates/x.yaml`, `<chart>/charts/<sub>/crds/y.yaml`). */
  source: string;
  /** The whole block as printed, `---` and `# Source:` lines included. */
  text: string;
  /** Objects of the block with their 1-based line in the whole output. */
  objects: Array<{ object: YMap; line: number }>;
  /** From a chart's `crds/` folder (helm's CRDObjects: `<chart>/crds/...`, `<chart>/charts/<sub>/crds/...`). */
  crd: boolean;
  /** A hook (`helm.sh/hook` annotation). */
  hook: boolean;
}

const CRD_SOURCE = /^[^/]+(?:\/charts\/[^/]+)*\/crds\//;

function annotations(obj: YMap): YMap {
  const meta = obj['metadata'];
  return isMap(meta) && isMap(meta['annotations']) ? meta['annotations'] : {};
}

/** A test hook as helm sees one: `test` (or the old `test-success`) among the `helm.sh/hook` events. */
export function isTestHook(obj: YMap): boolean {
  const events = annotations(obj)['helm.sh/hook'];
  return typeof events === 'string' && events.split(',').some((e) => ['test', 'test-success'].includes(e.trim().toLowerCase()));
}

/** Splits `helm template` output into its printed blocks; `file` names it in parse errors. */
export function splitHelmOutput(stdout: string, file: string): HelmDoc[] {
  const docs: HelmDoc[] = [];
  let line = 1;
  for (const text of stdout.split(/^(?=---\n# Source: )/m)) {
    const first = /^---\n# Source: (.*)\n/.exec(text);
    const source = first ? first[1]! : '';
    const objects: HelmDoc['objects'] = [];
    for (const d of parseYamlDocuments(text, file)) {
      if (isMap(d.value as YValue)) objects.push({ object: d.value as YMap, line: line + d.startLine - 1 });
    }
    line += text.split('\n').length - 1;
    if (!text.trim()) continue;
    docs.push({ source, text, objects, crd: CRD_SOURCE.test(source), hook: objects.some((o) => annotations(o.object)['helm.sh/hook'] !== undefined) });
  }
  return docs;
}
