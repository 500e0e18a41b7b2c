// A deliberately small kustomize stand-in for the Flux layer's own tests: `resources` (files and directories),
// `components`' resources and `namespace`. It is not kustomize — the real engine is src/kustomize; tests that need
// kustomize's behaviour use that one (see flux-build.test.ts) and skip while it is absent.
import { posix } from 'node:path';
import type { FileSystem } from '../../src/io/fs.js';
import { parseYaml, parseYamlDocuments } from '../../src/io/yaml-read.js';
import { isMap } from '../../src/core/resource.js';
import type { Resource, YMap } from '../../src/core/resource.js';
import type { KustomizeEngine } from '../../src/flux/engine.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding']);

export const testEngine: KustomizeEngine = {
  async build(fs: FileSystem, dir: string, opts): Promise<Resource[]> {
    const load = (d: string): Resource[] => {
      const kfile = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((n) => posix.join(d, n)).find((p) => fs.isFile(p));
      if (!kfile) throw new Error(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${d}'`);
      const kus = parseYaml(fs.readText(kfile), kfile) as YMap;
      const out: Resource[] = [];
      const entries = [...((kus['resources'] as string[] | undefined) ?? [])];
      for (const c of (kus['components'] as string[] | undefined) ?? []) entries.push(c);
      for (const e of entries) {
        const p = posix.normalize(posix.join(d, e));
        if (fs.isDirectory(p)) out.push(...load(p));
        else {
          const file = posix.relative(opts.repoRoot, p);
          for (const doc of parseYamlDocuments(fs.readText(p), file)) {
            if (isMap(doc.value)) out.push({ object: structuredClone(doc.value as YMap), origin: { file, line: doc.startLine } });
          }
        }
      }
      if (typeof kus['namespace'] === 'string') {
        for (const r of out) {
          if (CLUSTER_SCOPED.has(String(r.object['kind']))) continue;
          r.object['metadata'] = { ...(r.object['metadata'] as YMap), namespace: kus['namespace'] };
        }
      }
      return out;
    };
    return load(dir);
  },
};
