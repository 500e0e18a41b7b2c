// Scope analysis with Jinja's rules (its idtracking): which names a frame stores, which it loads from the context,
// which alias an outer variable and which start undefined. The order-sensitive rules here are what make
// `{% if false %}{% set x = 1 %}{% endif %}{{ x }}` print nothing even when `x` is passed in.
import type * as A from '../syntax/ast.js';
import { children } from '../syntax/ast.js';

export type Load = readonly ['param', null] | readonly ['resolve', string] | readonly ['alias', string] | readonly ['undefined', null];

/** The variables of one generated function (root, block, macro, recursive loop, loop filter): ref → slot. */
export class FnScope {
  readonly slots = new Map<string, number>();
  constructor(readonly parent: FnScope | null) {}
  register(ref: string): void {
    if (!this.slots.has(ref)) this.slots.set(ref, this.slots.size);
  }
  /** Where a ref lives as seen from this function: hops up the closure chain and slot index. */
  locate(ref: string): [number, number] {
    let depth = 0;
    for (let f: FnScope | null = this; f; f = f.parent, depth++) {
      const i = f.slots.get(ref);
      if (i !== undefined) return [depth, i];
    }
    throw new Error(`internal: unknown variable reference ${ref}`);
  }
}

export class Symbols {
  level: number;
  refs = new Map<string, string>();
  loads = new Map<string, Load>();
  stores = new Set<string>();

  constructor(
    readonly parent: Symbols | null,
    public fn: FnScope,
    level?: number,
  ) {
    this.level = level ?? (parent ? parent.level + 1 : 0);
  }

  analyzeNode(node: A.Node, forBranch: 'body' | 'else' | 'test' = 'body'): void {
    rootVisit(this, node, forBranch);
  }

  private defineRef(name: string, load: Load | null): string {
    const ident = `l_${this.level}_${name}`;
    this.refs.set(name, ident);
    this.fn.register(ident);
    if (load) this.loads.set(ident, load);
    return ident;
  }

  findLoad(target: string): Load | null {
    return this.loads.get(target) ?? (this.parent ? this.parent.findLoad(target) : null);
  }

  findRef(name: string): string | null {
    return this.refs.get(name) ?? (this.parent ? this.parent.findRef(name) : null);
  }

  ref(name: string): string {
    const r = this.findRef(name);
    if (r === null) throw new Error(`internal: tried to resolve a name to a reference that was unknown to the frame (${name})`);
    return r;
  }

  copy(): Symbols {
    const rv = new Symbols(this.parent, this.fn, this.level);
    rv.refs = new Map(this.refs);
    rv.loads = new Map(this.loads);
    rv.stores = new Set(this.stores);
    return rv;
  }

  store(name: string): void {
    this.stores.add(name);
    if (!this.refs.has(name)) {
      if (this.parent) {
        const outer = this.parent.findRef(name);
        if (outer !== null) {
          this.defineRef(name, ['alias', outer]);
          return;
        }
      }
      this.defineRef(name, ['undefined', null]);
    }
  }

  declareParameter(name: string): string {
    this.stores.add(name);
    return this.defineRef(name, ['param', null]);
  }

  load(name: string): void {
    if (this.findRef(name) === null) this.defineRef(name, ['resolve', name]);
  }

  branchUpdate(branches: Symbols[]): void {
    const stores = new Map<string, number>();
    for (const b of branches) {
      for (const target of b.stores) {
        if (this.stores.has(target)) continue;
        stores.set(target, (stores.get(target) ?? 0) + 1);
      }
    }
    for (const b of branches) {
      for (const [k, v] of b.refs) this.refs.set(k, v);
      for (const [k, v] of b.loads) this.loads.set(k, v);
      for (const s of b.stores) this.stores.add(s);
    }
    for (const [name, count] of stores) {
      if (count === branches.length) continue;
      const target = this.findRef(name)!;
      if (this.parent) {
        const outer = this.parent.findRef(name);
        if (outer !== null) {
          this.loads.set(target, ['alias', outer]);
          continue;
        }
      }
      this.loads.set(target, ['resolve', name]);
    }
  }

  /** Every stored name visible from here → its ref (inner frames win), names sorted per frame like Jinja. */
  dumpStores(): Map<string, string> {
    const rv = new Map<string, string>();
    for (let node: Symbols | null = this; node; node = node.parent) {
      for (const name of [...node.stores].sort()) if (!rv.has(name)) rv.set(name, this.findRef(name)!);
    }
    return rv;
  }

  /** Refs of this frame declared as parameters (Jinja only looks at the frame itself). */
  dumpParamTargets(): Set<string> {
    const rv = new Set<string>();
    for (const [target, load] of this.loads) if (load[0] === 'param') rv.add(target);
    return rv;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The visitors: the root visitor picks which parts of a node belong to the frame being analysed, the frame visitor
// walks them without entering nested scopes.

function rootVisit(sym: Symbols, node: A.Node, forBranch: 'body' | 'else' | 'test'): void {
  const v = new FrameSymbolVisitor(sym);
  switch (node.type) {
    case 'Template':
    case 'Block':
    case 'Macro':
    case 'FilterBlock':
    case 'Scope':
    case 'If':
    case 'ScopedEvalContextModifier':
      for (const c of children(node)) v.visit(c);
      return;
    case 'AssignBlock':
      for (const c of node.body) v.visit(c);
      return;
    case 'CallBlock':
      for (const c of [...node.args, ...node.defaults, ...node.body]) v.visit(c);
      return;
    case 'For': {
      if (forBranch === 'body') {
        v.visit(node.target, true);
        for (const c of node.body) v.visit(c);
      } else if (forBranch === 'else') {
        for (const c of node.else_) v.visit(c);
      } else {
        v.visit(node.target, true);
        if (node.test) v.visit(node.test);
      }
      return;
    }
    case 'With':
      for (const t of node.targets) v.visit(t);
      for (const c of node.body) v.visit(c);
      return;
    default:
      throw new Error(`internal: cannot find symbols for ${node.type}`);
  }
}

class FrameSymbolVisitor {
  constructor(public symbols: Symbols) {}

  visit(node: A.Node, storeAsParam = false): void {
    const s = this.symbols;
    switch (node.type) {
      case 'Name':
        if (storeAsParam || node.ctx === 'param') s.declareParameter(node.name);
        else if (node.ctx === 'store') s.store(node.name);
        else s.load(node.name);
        return;
      case 'NSRef':
        s.load(node.name);
        return;
      case 'If': {
        this.visit(node.test, storeAsParam);
        const original = this.symbols;
        const inner = (nodes: A.Node[]): Symbols => {
          const rv = original.copy();
          this.symbols = rv;
          for (const n of nodes) this.visit(n, storeAsParam);
          this.symbols = original;
          return rv;
        };
        const body = inner(node.body);
        const elif = inner(node.elif_);
        const els = inner(node.else_);
        this.symbols.branchUpdate([body, elif, els]);
        return;
      }
      case 'Macro':
        s.store(node.name);
        return;
      case 'Import':
        this.visit(node.template);
        s.store(node.target);
        return;
      case 'FromImport':
        this.visit(node.template);
        for (const n of node.names) s.store(typeof n === 'string' ? n : n[1]);
        return;
      case 'Assign':
        this.visit(node.node, storeAsParam);
        this.visit(node.target, storeAsParam);
        return;
      case 'For':
        this.visit(node.iter, storeAsParam);
        return;
      case 'CallBlock':
        this.visit(node.call, storeAsParam);
        return;
      case 'FilterBlock':
        this.visit(node.filter, storeAsParam);
        return;
      case 'With':
        for (const v of node.values) this.visit(v);
        return;
      case 'AssignBlock':
        this.visit(node.target, storeAsParam);
        return;
      case 'Scope':
      case 'Block':
        return;
      default:
        for (const c of children(node)) this.visit(c, storeAsParam);
    }
  }
}

/** Names from `names` that the nodes load before storing them (Jinja's find_undeclared; stops at blocks). */
export function findUndeclared(nodes: A.Node[], names: string[]): Set<string> {
  const want = new Set(names);
  const undeclared = new Set<string>();
  const visit = (n: A.Node): boolean => {
    if (n.type === 'Name') {
      if (n.ctx === 'load' && want.has(n.name)) {
        undeclared.add(n.name);
        if (undeclared.size === want.size && [...want].every((x) => undeclared.has(x))) return true;
      } else want.delete(n.name);
      return false;
    }
    if (n.type === 'Block') return false;
    for (const c of children(n)) if (visit(c)) return true;
    return false;
  };
  for (const n of nodes) if (visit(n)) break;
  return undeclared;
}
