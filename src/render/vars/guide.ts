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

/**
 * The guide line documenting a read or defined path, or null: the line of the path itself, else of the first
 * parent or child of it in the guide (documenting a key documents what is below it).
 */
export function documentedAt(doc: Documented, path: string): number | null {
  const p = path.replace(/\[[^\]]*\]/g, '');
  const own = doc.keys.get(p);
  if (own !== undefined) return own;
  for (const [k, line] of doc.keys) {
    if (p.startsWith(k + '.') || k.startsWith(p + '.')) return line;
  }
  return null;
}
