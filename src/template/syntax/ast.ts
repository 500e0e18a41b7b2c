// The template syntax tree. Node kinds and field order follow Jinja's nodes (the order matters to the scope
// analysis, which visits children in field order). Every node has Jinja's 1-based line and our 1-based column.
import type { Value } from '../runtime/values.js';

export interface Pos {
  line: number;
  col: number;
}

export type Ctx = 'load' | 'store' | 'param';

export interface Name extends Pos { type: 'Name'; name: string; ctx: Ctx }
export interface NSRef extends Pos { type: 'NSRef'; name: string; attr: string }
export interface Const extends Pos { type: 'Const'; value: Value }
export interface TemplateData extends Pos { type: 'TemplateData'; data: string }
export interface TupleNode extends Pos { type: 'Tuple'; items: Expr[]; ctx: Ctx }
export interface ListNode extends Pos { type: 'List'; items: Expr[] }
export interface Pair extends Pos { type: 'Pair'; key: Expr; value: Expr }
export interface DictNode extends Pos { type: 'Dict'; items: Pair[] }
export interface Keyword extends Pos { type: 'Keyword'; key: string; value: Expr }
export interface CondExpr extends Pos { type: 'CondExpr'; test: Expr; expr1: Expr; expr2: Expr | null }
export interface CallArgs {
  args: Expr[];
  kwargs: Keyword[];
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}
export interface Filter extends Pos, CallArgs { type: 'Filter'; node: Expr | null; name: string }
export interface Test extends Pos, CallArgs { type: 'Test'; node: Expr; name: string }
export interface Call extends Pos, CallArgs { type: 'Call'; node: Expr }
export interface Getitem extends Pos { type: 'Getitem'; node: Expr; arg: Expr; ctx: Ctx }
export interface Getattr extends Pos { type: 'Getattr'; node: Expr; attr: string; ctx: Ctx }
export interface Slice extends Pos { type: 'Slice'; start: Expr | null; stop: Expr | null; step: Expr | null }
export interface Concat extends Pos { type: 'Concat'; nodes: Expr[] }
export type CompareOp = 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notin';
export interface Operand extends Pos { type: 'Operand'; op: CompareOp; expr: Expr }
export interface Compare extends Pos { type: 'Compare'; expr: Expr; ops: Operand[] }
export type BinOpName = 'Add' | 'Sub' | 'Mul' | 'Div' | 'FloorDiv' | 'Mod' | 'Pow' | 'And' | 'Or';
export interface BinExpr extends Pos { type: BinOpName; left: Expr; right: Expr }
export type UnaryOpName = 'Not' | 'Neg' | 'Pos';
export interface UnaryExpr extends Pos { type: UnaryOpName; node: Expr }
/** `{% debug %}` (jinja2.ext.debug): renders the context, filters and tests. */
export interface DebugExpr extends Pos { type: 'DebugExpr' }

export type Expr =
  | Name
  | NSRef
  | Const
  | TemplateData
  | TupleNode
  | ListNode
  | DictNode
  | CondExpr
  | Filter
  | Test
  | Call
  | Getitem
  | Getattr
  | Slice
  | Concat
  | Compare
  | BinExpr
  | UnaryExpr
  | DebugExpr;

export interface Output extends Pos { type: 'Output'; nodes: Expr[] }
export interface Extends extends Pos { type: 'Extends'; template: Expr }
export interface For extends Pos {
  type: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  else_: Stmt[];
  test: Expr | null;
  recursive: boolean;
}
export interface If extends Pos { type: 'If'; test: Expr; body: Stmt[]; elif_: If[]; else_: Stmt[] }
export interface Macro extends Pos { type: 'Macro'; name: string; args: Name[]; defaults: Expr[]; body: Stmt[] }
export interface CallBlock extends Pos { type: 'CallBlock'; call: Call; args: Name[]; defaults: Expr[]; body: Stmt[] }
export interface FilterBlock extends Pos { type: 'FilterBlock'; body: Stmt[]; filter: Filter }
export interface With extends Pos { type: 'With'; targets: Expr[]; values: Expr[]; body: Stmt[] }
export interface Block extends Pos { type: 'Block'; name: string; body: Stmt[]; scoped: boolean; required: boolean }
export interface Include extends Pos { type: 'Include'; template: Expr; withContext: boolean; ignoreMissing: boolean }
export interface Import extends Pos { type: 'Import'; template: Expr; target: string; withContext: boolean }
export interface FromImport extends Pos {
  type: 'FromImport';
  template: Expr;
  names: (string | [string, string])[];
  withContext: boolean;
}
export interface ExprStmt extends Pos { type: 'ExprStmt'; node: Expr }
export interface Assign extends Pos { type: 'Assign'; target: Expr; node: Expr }
export interface AssignBlock extends Pos { type: 'AssignBlock'; target: Expr; filter: Filter | null; body: Stmt[] }
export interface Scope extends Pos { type: 'Scope'; body: Stmt[] }
export interface ScopedEvalContextModifier extends Pos { type: 'ScopedEvalContextModifier'; options: Keyword[]; body: Stmt[] }
export interface Break extends Pos { type: 'Break' }
export interface Continue extends Pos { type: 'Continue' }

export type Stmt =
  | Output
  | Extends
  | For
  | If
  | Macro
  | CallBlock
  | FilterBlock
  | With
  | Block
  | Include
  | Import
  | FromImport
  | ExprStmt
  | Assign
  | AssignBlock
  | Scope
  | ScopedEvalContextModifier
  | Break
  | Continue;

export interface TemplateNode extends Pos { type: 'Template'; body: Stmt[] }

export type Node = Expr | Stmt | TemplateNode | Pair | Keyword | Operand;

/** Child nodes in Jinja's field order. */
export function children(n: Node): Node[] {
  switch (n.type) {
    case 'Template':
    case 'Scope':
      return n.body;
    case 'Output':
      return n.nodes;
    case 'Extends':
      return [n.template];
    case 'For':
      return [n.target, n.iter, ...n.body, ...n.else_, ...(n.test ? [n.test] : [])];
    case 'If':
      return [n.test, ...n.body, ...n.elif_, ...n.else_];
    case 'Macro':
      return [...n.args, ...n.defaults, ...n.body];
    case 'CallBlock':
      return [n.call, ...n.args, ...n.defaults, ...n.body];
    case 'FilterBlock':
      return [...n.body, n.filter];
    case 'With':
      return [...n.targets, ...n.values, ...n.body];
    case 'Block':
      return n.body;
    case 'Include':
    case 'Import':
    case 'FromImport':
      return [n.template];
    case 'ExprStmt':
      return [n.node];
    case 'Assign':
      return [n.target, n.node];
    case 'AssignBlock':
      return [n.target, ...(n.filter ? [n.filter] : []), ...n.body];
    case 'ScopedEvalContextModifier':
      return [...n.options, ...n.body];
    case 'Tuple':
    case 'List':
      return n.items;
    case 'Dict':
      return n.items;
    case 'Pair':
      return [n.key, n.value];
    case 'Keyword':
      return [n.value];
    case 'CondExpr':
      return [n.test, n.expr1, ...(n.expr2 ? [n.expr2] : [])];
    case 'Filter':
    case 'Test':
    case 'Call': {
      const out: Node[] = n.node ? [n.node] : [];
      out.push(...n.args, ...n.kwargs);
      if (n.dynArgs) out.push(n.dynArgs);
      if (n.dynKwargs) out.push(n.dynKwargs);
      return out;
    }
    case 'Getitem':
      return [n.node, n.arg];
    case 'Getattr':
      return [n.node];
    case 'Slice':
      return [n.start, n.stop, n.step].filter((x): x is Expr => x !== null);
    case 'Concat':
      return n.nodes;
    case 'Compare':
      return [n.expr, ...n.ops];
    case 'Operand':
      return [n.expr];
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'FloorDiv':
    case 'Mod':
    case 'Pow':
    case 'And':
    case 'Or':
      return [n.left, n.right];
    case 'Not':
    case 'Neg':
    case 'Pos':
      return [n.node];
    default:
      return [];
  }
}

/** Every node of a kind below `n` (depth first, `n` excluded), like Jinja's find_all. */
export function findAll<T extends Node['type']>(n: Node, type: T): Extract<Node, { type: T }>[] {
  const out: Extract<Node, { type: T }>[] = [];
  const visit = (x: Node): void => {
    for (const c of children(x)) {
      if (c.type === type) out.push(c as Extract<Node, { type: T }>);
      visit(c);
    }
  };
  visit(n);
  return out;
}

/** Is there a node of a kind below `n`? */
export function hasNode(n: Node, type: Node['type']): boolean {
  for (const c of children(n)) if (c.type === type || hasNode(c, type)) return true;
  return false;
}
