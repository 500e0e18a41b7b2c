// Where each value of a data file sits, keyed by its path as templates write it (`nodes[0].address`), so schema
// errors and hints can name file:line.

export interface Pos {
  line: number;
  col: number;
}

export type PositionIndex = Map<string, Pos>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Append one step to a template-style path: `a` + `b` → `a.b`, `a` + 0 → `a[0]`, odd keys → `a["x-y"]`. */
export function joinPath(base: string, key: string | number | bigint): string {
  if (typeof key !== 'string') return `${base}[${key}]`;
  if (IDENT.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Precomputed line starts for many lookups in one file. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
}
