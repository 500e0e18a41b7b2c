// Compile-time constant evaluation, as far as Jinja's `as_const` goes for the cases that change compilation
// (the value of `{% autoescape <expr> %}`). Returns MISSING when the value is not a compile-time constant.
import type * as A from '../syntax/ast.js';
import type { Value } from './values.js';
import { MISSING, tuple } from './values.js';
import { binary, compare, contains, dictSet, makeSlice, str, truthy, unary } from '../python/ops.js';

const BIN: Record<string, '+' | '-' | '*' | '/' | '//' | '%' | '**'> = { Add: '+', Sub: '-', Mul: '*', Div: '/', FloorDiv: '//', Mod: '%', Pow: '**' };
const CMP: Record<string, '==' | '!=' | '<' | '<=' | '>' | '>='> = { eq: '==', ne: '!=', lt: '<', lteq: '<=', gt: '>', gteq: '>=' };

/** Jinja's Environment.getattr/getitem, used when folding constant subscripts the way `as_const` does. */
export interface ConstLookup {
  getattr(obj: Value, name: string): Value;
  getitem(obj: Value, key: Value): Value;
}

export function tryConst(n: A.Expr, lookup?: ConstLookup): Value {
  try {
    return constOf(n, lookup);
  } catch {
    return MISSING;
  }
}

function constOf(n: A.Expr, lookup?: ConstLookup): Value {
  const c = (x: A.Expr): Value => {
    const v = constOf(x, lookup);
    if (v === MISSING) throw new Error('not constant');
    return v;
  };
  switch (n.type) {
    case 'Getattr':
      if (!lookup) return MISSING;
      return lookup.getattr(c(n.node), n.attr);
    case 'Getitem': {
      if (!lookup) return MISSING;
      const obj = c(n.node);
      if (n.arg.type === 'Slice') {
        const s = n.arg;
        const part = (x: A.Expr | null): Value => (x ? c(x) : null);
        // as_const subscripts through the environment (failures become Undefined), unlike the runtime
        return lookup.getitem(obj, makeSlice(part(s.start), part(s.stop), part(s.step)));
      }
      return lookup.getitem(obj, c(n.arg));
    }
    case 'Const':
      return n.value;
    case 'Tuple':
      return tuple(n.items.map(c));
    case 'List':
      return n.items.map(c);
    case 'Dict': {
      const m = new Map<Value, Value>();
      for (const p of n.items) dictSet(m, c(p.key), c(p.value));
      return m;
    }
    case 'Concat':
      return n.nodes.map((x) => str(c(x))).join('');
    case 'Not':
      return !truthy(c(n.node));
    case 'Neg':
      return unary('-', c(n.node));
    case 'Pos':
      return unary('+', c(n.node));
    case 'And': {
      const l = c(n.left);
      return truthy(l) ? c(n.right) : l;
    }
    case 'Or': {
      const l = c(n.left);
      return truthy(l) ? l : c(n.right);
    }
    case 'CondExpr':
      if (truthy(c(n.test))) return c(n.expr1);
      if (!n.expr2) return MISSING;
      return c(n.expr2);
    case 'Compare': {
      let left = c(n.expr);
      let result: boolean = false;
      for (const op of n.ops) {
        const right = c(op.expr);
        if (op.op === 'in') result = contains(right, left);
        else if (op.op === 'notin') result = !contains(right, left);
        else result = compare(CMP[op.op]!, left, right);
        if (!result) return false;
        left = right;
      }
      return result;
    }
    default: {
      const op = BIN[n.type];
      if (op && 'left' in n) return binary(op, c(n.left), c(n.right));
      return MISSING;
    }
  }
}
