// Flow collections on one line (`[a, b]`, `{k: {x: [1]}}`) for the fast YAML reader (yaml-fast.ts).
import type { YMap, YValue } from '../core/resource.js';
import { setKey } from './yaml-compose.js';
import { bail, doubleQuoted, doubleQuotedEnd, keyOf, singleQuoted, singleQuotedEnd } from './yaml-fast-syntax.js';

export interface FlowContext {
  resolve(s: string): YValue;
  /** Records the source text of a plain scalar that did not resolve to a string. */
  note(container: object, key: string | number, text: string): void;
}

/** A one-line flow collection (`[a, 'b']`, `{a: {b: [c]}}`); multi-line flows and odd scalars bail. */
export function flowValue(text: string, ctx: FlowContext): YValue {
  const pos = { i: 0 };
  const v = flowNode(ctx, text, pos, null, 0);
  const after = text.slice(pos.i);
  if (after.trim() !== '' && !(/^\s+#/.test(after))) bail();
  return v;
}

function flowNode(ctx: FlowContext, t: string, p: { i: number }, container: object | null, key: string | number): YValue {
  while (t[p.i] === ' ') p.i++;
  const c = t[p.i];
  if (c === '[') {
    p.i++;
    const list: YValue[] = [];
    for (;;) {
      while (t[p.i] === ' ') p.i++;
      if (t[p.i] === ']') {
        p.i++;
        return list;
      }
      list.push(flowNode(ctx, t, p, list, list.length));
      while (t[p.i] === ' ') p.i++;
      if (t[p.i] === ',') p.i++;
      else if (t[p.i] !== ']') bail();
    }
  }
  if (c === '{') {
    p.i++;
    const map: YMap = {};
    for (;;) {
      while (t[p.i] === ' ') p.i++;
      if (t[p.i] === '}') {
        p.i++;
        return map;
      }
      const k = flowKey(ctx, t, p);
      if (Object.prototype.hasOwnProperty.call(map, k)) bail();
      setKey(map, k, flowNode(ctx, t, p, map, k));
      while (t[p.i] === ' ') p.i++;
      if (t[p.i] === ',') p.i++;
      else if (t[p.i] !== '}') bail();
    }
  }
  if (c === '"' || c === "'") {
    const rest = t.slice(p.i);
    const q = c === '"' ? doubleQuoted(rest) : singleQuoted(rest);
    p.i += q.end + 1;
    return q.value;
  }
  let j = p.i;
  while (j < t.length && t[j] !== ',' && t[j] !== ']' && t[j] !== '}') j++;
  const s = t.slice(p.i, j).trim();
  if (s === '' || s.includes(':') || s.includes('#') || /^[-?]( |$)/.test(s) || /^[|>%@`&*!\[{]/.test(s) || s.includes('\t')) bail();
  p.i = j;
  const v = ctx.resolve(s);
  if (typeof v !== 'string' && container) ctx.note(container, key, s);
  return v;
}

function flowKey(ctx: FlowContext, t: string, p: { i: number }): string {
  const c = t[p.i];
  let raw: string;
  if (c === '"' || c === "'") {
    const rest = t.slice(p.i);
    const end = c === '"' ? doubleQuotedEnd(rest) : singleQuotedEnd(rest);
    if (end < 0) bail();
    raw = rest.slice(0, end + 1);
    p.i += end + 1;
  } else {
    let j = p.i;
    while (j < t.length && !(t[j] === ':' && (t[j + 1] === ' ' || t[j + 1] === undefined)) && t[j] !== ',' && t[j] !== '}' && t[j] !== ']') j++;
    raw = t.slice(p.i, j);
    if (raw.trim() === '' || /^[-?&*!|>%@`[{#]/.test(raw.trim())) bail();
    p.i = j;
  }
  if (t[p.i] !== ':' || (t[p.i + 1] !== ' ' && t[p.i + 1] !== undefined)) bail();
  p.i++;
  return keyOf(raw.trim(), ctx.resolve);
}

