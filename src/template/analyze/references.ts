// Which variables a template reads from its context/globals, as dotted paths with the first position of each.
// Uses the compiler's own scope analysis, so names bound in the template (set, for, macro arguments, imports,
// with) are excluded exactly where Jinja would not read them from the context.
import type { VariableReference } from '../api.js';
import type * as A from '../syntax/ast.js';
import { children } from '../syntax/ast.js';
import type { Environment } from '../runtime/environment.js';
import { compileTemplate } from '../runtime/compile-template.js';

/** Dotted path of every loaded name, extended through attribute and constant-subscript access. */
function namePaths(root: A.Node): Map<A.Name, string> {
  const paths = new Map<A.Name, string>();
  const visit = (n: A.Node, chain: A.Node[]): void => {
    if (n.type === 'Name' && n.ctx === 'load') {
      let path = n.name;
      let cur: A.Node = n;
      for (let i = chain.length - 1; i >= 0; i--) {
        const p = chain[i]!;
        const above = chain[i - 1];
        if (p.type === 'Getattr' && p.node === cur) {
          // `x.get(...)`: a method, not data
          if (above && above.type === 'Call' && above.node === p) break;
          path += '.' + p.attr;
        } else if (p.type === 'Getitem' && p.node === cur && p.arg.type === 'Const' && (typeof p.arg.value === 'string' || typeof p.arg.value === 'bigint')) {
          path += '.' + String(p.arg.value);
        } else break;
        cur = p;
      }
      paths.set(n, path);
    }
    chain.push(n);
    for (const c of children(n)) visit(c, chain);
    chain.pop();
  };
  visit(root, []);
  return paths;
}

export function referencedVariables(env: Environment, source: string, name: string): VariableReference[] {
  const ast = env.parse(source, name);
  const paths = namePaths(ast);
  const reads: A.Name[] = [];
  compileTemplate(env, ast, name, env.autoescape, (n) => reads.push(n));
  reads.sort((a, b) => a.line - b.line || a.col - b.col);
  const seen = new Set<string>();
  const out: VariableReference[] = [];
  for (const n of reads) {
    const path = paths.get(n) ?? n.name;
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, template: name, line: n.line, col: n.col });
  }
  return out;
}
