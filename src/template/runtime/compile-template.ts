// A whole template → its root render function and block functions (Jinja's visit_Template).
import type * as A from '../syntax/ast.js';
import type { EnvLike } from './values.js';
import { reprString } from './values.js';
import { findAll, hasNode } from '../syntax/ast.js';
import { Act, CFrame, type Out, type RuntimeEnv } from './frame.js';
import { FnScope, Symbols, findUndeclared } from './symbols.js';
import { compileFail, type CompileState } from './compile-expr.js';
import { blockvisit, enterFrame } from './compile-stmt.js';
import { TemplateReference, type BlockFn, type Context } from './context.js';
import { slotWriter } from './frame.js';

export interface CompiledTemplate {
  root(ctx: Context, out: Out): void;
  blocks: Map<string, BlockFn>;
}

export function compileTemplate(
  env: RuntimeEnv & EnvLike,
  node: A.TemplateNode,
  name: string | null,
  autoescape: boolean,
  onContextRead?: (n: A.Name) => void,
): CompiledTemplate {
  const st: CompileState = {
    env,
    name,
    blocks: new Map(),
    extendsSoFar: 0,
    hasKnownExtends: false,
    assignStack: [],
    paramDefBlock: [],
    loopDepth: 0,
    onContextRead,
  };
  const evalCtx = { autoescape, volatile: false };
  const haveExtends = hasNode(node, 'Extends');
  for (const block of findAll(node, 'Block')) {
    if (st.blocks.has(block.name)) compileFail(st, `block ${reprString(block.name)} defined twice`, block);
    st.blocks.set(block.name, block);
  }

  const rootFn = new FnScope(null);
  const frame = new CFrame(evalCtx, null, new Symbols(null, rootFn, 0));
  let initSelf: ((a: Act) => void) | null = null;
  if (findUndeclared(node.body, ['self']).has('self')) {
    const [, i] = rootFn.locate(frame.symbols.declareParameter('self'));
    const w = slotWriter(0, i);
    initSelf = (a) => w(a, new TemplateReference(a.ctx));
  }
  frame.symbols.analyzeNode(node);
  frame.toplevel = frame.rootlevel = true;
  frame.requireOutputCheck = haveExtends && !st.hasKnownExtends;
  const enter = enterFrame(frame);
  const body = blockvisit(st, node.body, frame);
  const root = (ctx: Context, out: Out): void => {
    const a = new Act(rootFn.slots.size, null, ctx);
    if (initSelf) initSelf(a);
    enter(a);
    body(a, out);
    if (haveExtends && a.parentTemplate !== null) a.parentTemplate.root(ctx, out);
  };

  const blocks = new Map<string, BlockFn>();
  for (const [bname, block] of st.blocks) {
    const fn = new FnScope(null);
    const bf = new CFrame(evalCtx, null, new Symbols(null, fn, 0));
    bf.blockFrame = true;
    const undeclared = findUndeclared(block.body, ['self', 'super']);
    const inits: ((a: Act) => void)[] = [];
    if (undeclared.has('self')) {
      const [, i] = fn.locate(bf.symbols.declareParameter('self'));
      inits.push((a) => (a.slots[i] = new TemplateReference(a.ctx)));
    }
    if (undeclared.has('super')) {
      const [, i] = fn.locate(bf.symbols.declareParameter('super'));
      inits.push((a) => (a.slots[i] = a.ctx.super(bname, blockFn)));
    }
    bf.symbols.analyzeNode(block);
    bf.block = bname;
    const benter = enterFrame(bf);
    const bbody = blockvisit(st, block.body, bf);
    const blockFn: BlockFn = (ctx, out) => {
      const a = new Act(fn.slots.size, null, ctx);
      for (const init of inits) init(a);
      a.blockVars = new Map();
      benter(a);
      bbody(a, out);
    };
    blocks.set(bname, blockFn);
  }
  return { root, blocks };
}
