// dependsOn cycles: every member waits for another, none ever becomes ready. Reported once per cycle, at the
// dependsOn entry of its first member (in repository order) that closes it.
import type { Finding } from '../../core/finding.js';
import { dependsOnGraphs } from '../depends-on.js';
import type { DependsOnEdge, DependsOnGraph } from '../depends-on.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

/** Strongly connected components with a cycle (Tarjan), each as the edges inside it. */
function cycles(g: DependsOnGraph): DependsOnEdge[][] {
  const out = new Map<string, DependsOnEdge[]>();
  const adj = new Map<string, DependsOnEdge[]>();
  for (const e of g.edges) if (g.nodes.has(e.toKey)) (adj.get(e.fromKey) ?? adj.set(e.fromKey, []).get(e.fromKey)!).push(e);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const comp = new Map<string, number>();
  let counter = 0;
  let comps = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const e of adj.get(v) ?? []) {
      const w = e.toKey;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.set(w, comps);
      } while (w !== v);
      comps++;
    }
  };
  for (const v of g.nodes.keys()) if (!index.has(v)) visit(v);
  for (const e of g.edges) {
    const c = comp.get(e.fromKey);
    if (c === undefined || comp.get(e.toKey) !== c) continue;
    const key = String(c);
    (out.get(key) ?? out.set(key, []).get(key)!).push(e);
  }
  return [...out.values()];
}

export const dependencyCycle: Rule = {
  code: 'dependency-cycle',
  severity: 'error',
  description: 'dependsOn entries form a cycle, so none of its members ever becomes ready',
  scope: 'repository',
  run(model) {
    const out: Finding[] = [];
    for (const g of dependsOnGraphs(model)) {
      for (const edges of cycles(g)) {
        const members = [...new Set(edges.map((e) => e.fromKey))];
        const first = edges[0]!;
        out.push(
          fieldFinding(
            model,
            dependencyCycle,
            first.from,
            first.path,
            `${describe(first.from)}: dependsOn cycle between ${g.kind}s ${members.join(', ')}${members.length === 1 ? ' (depends on itself)' : ''}`,
            'remove one dependsOn entry of the cycle',
          ),
        );
      }
    }
    return out;
  },
};
