// Seeded random cases for differential testing against kubectl: strategic merge patches derived from corpus
// workloads (fields dropped, nulled, changed, `$patch` directives sprinkled in), and small kustomizations mixing the
// common transformers over random corpus resources.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { stringifyDocuments, stringifyYaml } from '../../src/io/yaml-write.js';

export class Rng {
  constructor(private seed: number) {}
  next(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed / 2147483648;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)] as T;
  }
}

type Obj = Record<string, unknown> & { kind: string; apiVersion: string; metadata: { name: string; namespace?: string } };

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

/** Resources of the corpus (without unsubstituted Flux variables), at most `limit`. */
export function corpusPool(shared: string, limit = 4000): Obj[] {
  const pool: Obj[] = [];
  for (const f of yamlFiles(join(shared, 'corpus', 'repos'))) {
    let docs;
    try {
      docs = parseYamlDocuments(readFileSync(f, 'utf8'), f);
    } catch {
      continue;
    }
    for (const d of docs) {
      const v = d.value as Obj | null;
      if (!v || typeof v !== 'object' || typeof v.kind !== 'string' || v.kind.endsWith('List')) continue;
      if (!v.metadata || typeof v.metadata.name !== 'string' || typeof v.apiVersion !== 'string') continue;
      if (v.apiVersion.startsWith('kustomize.config.k8s.io') || JSON.stringify(v).includes('${')) continue;
      pool.push(v);
    }
    if (pool.length >= limit) break;
  }
  return pool;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function mutate(rng: Rng, v: unknown, depth: number): unknown {
  if (Array.isArray(v)) {
    const out = v.filter(() => rng.next() < 0.6).map((x) => mutate(rng, x, depth + 1));
    if (rng.next() < 0.15 && v.length) out.push(mutate(rng, clone(rng.pick(v)), depth + 1));
    if (rng.next() < 0.05) out.unshift({ $patch: rng.pick(['replace', 'delete', 'merge']) });
    return out;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const r = rng.next();
      if (r < 0.45 && depth > 0) continue;
      if (r < 0.5 && depth > 1) {
        out[k] = null;
        continue;
      }
      out[k] = mutate(rng, (v as Record<string, unknown>)[k], depth + 1);
    }
    if (rng.next() < 0.03 && depth > 1) out['$patch'] = rng.pick(['replace', 'delete']);
    if (rng.next() < 0.1) out['fz' + Math.floor(rng.next() * 3)] = rng.pick(['x', 1, true, null, { a: 1 }, ['q']]);
    return out;
  }
  if (typeof v === 'string' && rng.next() < 0.3) return v + '-p';
  if (typeof v === 'number' && rng.next() < 0.3) return v + 1;
  return v;
}

/** A kustomization applying a random strategic merge patch to one corpus resource. */
export function patchCase(rng: Rng, pool: Obj[]): Record<string, string> {
  const res = clone(rng.pick(pool));
  const patch = mutate(rng, clone(res), 0) as Obj;
  patch.apiVersion = res.apiVersion;
  patch.kind = res.kind;
  patch.metadata = { ...(patch.metadata ?? {}), name: res.metadata.name };
  if (res.metadata.namespace) patch.metadata.namespace = res.metadata.namespace;
  return {
    'kustomization.yaml': 'resources:\n- res.yaml\npatches:\n- path: patch.yaml\n',
    'res.yaml': stringifyYaml(res),
    'patch.yaml': stringifyYaml(patch),
  };
}

/** A kustomization mixing transformers over a few random corpus resources. */
export function kustomizationCase(rng: Rng, pool: Obj[]): Record<string, string> {
  const res: Obj[] = [];
  const ids = new Set<string>();
  const want = 1 + Math.floor(rng.next() * 6);
  for (let tries = 0; res.length < want && tries < 50; tries++) {
    const r = clone(rng.pick(pool));
    const id = `${r.apiVersion}/${r.kind}/${r.metadata.name}`;
    if (ids.has(id)) continue;
    ids.add(id);
    if (rng.next() < 0.5) delete r.metadata.namespace;
    res.push(r);
  }
  const k: string[] = ['resources:', '- res.yaml'];
  if (rng.next() < 0.5) k.push(`namespace: ns${Math.floor(rng.next() * 3)}`);
  if (rng.next() < 0.3) k.push('namePrefix: pre-');
  if (rng.next() < 0.2) k.push('nameSuffix: -suf');
  if (rng.next() < 0.3) k.push('commonLabels:\n  fz: "1"');
  if (rng.next() < 0.3) k.push(`labels:\n- pairs:\n    lz: a\n  includeSelectors: ${rng.next() < 0.5}\n  includeTemplates: ${rng.next() < 0.5}`);
  if (rng.next() < 0.3) k.push('commonAnnotations:\n  az: "2"');
  if (rng.next() < 0.3) {
    const imgs = res.flatMap((r) => JSON.stringify(r).match(/"image":"([^"]+)"/g) ?? []).map((s) => s.slice(9, -1));
    if (imgs.length) k.push(`images:\n- name: ${rng.pick(imgs).split(/[:@]/)[0]}\n  newTag: fuzz`);
  }
  const dep = res.find((r) => r.kind === 'Deployment' || r.kind === 'StatefulSet');
  if (dep && rng.next() < 0.3) k.push(`replicas:\n- name: ${dep.metadata.name}\n  count: 5`);
  if (rng.next() < 0.4) {
    const cm = res.find((r) => r.kind === 'ConfigMap');
    const name = cm && rng.next() < 0.5 ? cm.metadata.name : 'gen';
    k.push(`configMapGenerator:\n- name: ${name}\n  literals:\n  - a=b\n  behavior: ${rng.pick(['create', 'merge', 'replace'])}`);
  }
  if (rng.next() < 0.3) {
    const t = rng.pick(res);
    k.push(`patches:\n- target:\n    kind: ${t.kind}\n  patch: |-\n    - op: add\n      path: /metadata/labels\n      value: {p: q}`);
  }
  if (rng.next() < 0.2) {
    const s = rng.pick(res);
    const t = rng.pick(res);
    k.push(
      `replacements:\n- source:\n    kind: ${s.kind}\n    name: ${s.metadata.name}\n  targets:\n  - select:\n      kind: ${t.kind}\n` +
        `    fieldPaths:\n    - metadata.annotations.copied\n    options:\n      create: true`,
    );
  }
  if (rng.next() < 0.5) return { 'kustomization.yaml': k.join('\n') + '\n', 'res.yaml': stringifyDocuments(res) };
  // Put the same kustomization in a base and add an overlay on top that renames, relabels and regenerates.
  const cm = res.find((r) => r.kind === 'ConfigMap');
  const o: string[] = ['resources:', '- base'];
  if (rng.next() < 0.5) o.push(`namespace: over${Math.floor(rng.next() * 2)}`);
  if (rng.next() < 0.5) o.push('namePrefix: o-');
  if (rng.next() < 0.3) o.push('commonLabels:\n  layer: overlay');
  const targets = ['gen', ...(cm ? [cm.metadata.name] : [])];
  if (rng.next() < 0.6) {
    o.push(`configMapGenerator:\n- name: ${rng.pick(targets)}\n  behavior: ${rng.pick(['merge', 'replace', 'create'])}\n  literals:\n  - o=1`);
    if (rng.next() < 0.5) o.push('generatorOptions:\n  disableNameSuffixHash: true');
  }
  if (rng.next() < 0.4) {
    o.push(
      
        `patches:\n- target:\n    kind: ${rng.pick(res).kind}\n  patch: |-\n    - op: add\n      path: /metadata/annotations\n      value: {o: p}`,
    );
  }
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: fuzz-pod\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom:\n${targets.map((t) => `    - configMapRef:\n        name: ${t}\n`).join('')}`;
  o[1] = '- base\n- pod.yaml';
  return {
    'kustomization.yaml': o.join('\n') + '\n',
    'pod.yaml': pod,
    'base/kustomization.yaml': k.join('\n') + '\n',
    'base/res.yaml': stringifyDocuments(res),
  };
}
