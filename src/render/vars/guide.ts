// The documentation convention `hops vars` reads: in TEMPLATE_GUIDE.md, every variable is written as a backticked
// dotted path (`cloudflare.token`, `nodes[0].address` is accepted too). Documenting a key documents what is below it.
import { readFileSync } from 'node:fs';

export interface Documented {
  /** Dotted path → first line it appears on. */
  keys: Map<string, number>;
}

const CODE_SPAN = /`([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+|\[\d+\])*)`/g;

export function readGuide(file: string): Documented {
  const keys = new Map<string, number>();
  const lines = readFileSync(file, 'utf8').split('\n');
  let fenced = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.matchAll(CODE_SPAN)) {
      const key = m[1]!.replace(/\[\d+\]/g, '');
      if (!keys.has(key)) keys.set(key, i + 1);
    }
  });
  return { keys };
}

/** A read or defined path is documented when it, a parent, or a child of it is in the guide. */
export function isDocumented(doc: Documented, path: string): boolean {
  const p = path.replace(/\[[^\]]*\]/g, '');
  if (doc.keys.has(p)) return true;
  for (const k of doc.keys.keys()) {
    if (p.startsWith(k + '.') || k.startsWith(p + '.')) return true;
  }
  return false;
}
