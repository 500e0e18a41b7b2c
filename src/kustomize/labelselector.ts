// Kubernetes label selector strings (`a=b,c!=d,e in (x,y),!f`) as used by patch targets and replacements.
export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export class SelectorSyntaxError extends Error {}

/** Parses a selector; the empty string selects everything. */
export function parseLabelSelector(s: string): Requirement[] {
  const out: Requirement[] = [];
  let i = 0;
  const n = s.length;
  const ws = () => {
    while (i < n && /\s/.test(s[i] as string)) i++;
  };
  const ident = (): string => {
    ws();
    const start = i;
    while (i < n && !/[\s,=!()]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  const word = (): string => {
    ws();
    const start = i;
    while (i < n && /[A-Za-z]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  while (true) {
    ws();
    if (i >= n) break;
    if (s[i] === '!') {
      i++;
      const key = ident();
      if (!key) throw new SelectorSyntaxError(`invalid label selector "${s}"`);
      out.push({ key, op: 'notexists' });
    } else {
      const key = ident();
      if (!key) throw new SelectorSyntaxError(`invalid label selector "${s}"`);
      ws();
      if (i >= n || s[i] === ',') {
        out.push({ key, op: 'exists' });
      } else if (s.startsWith('!=', i)) {
        i += 2;
        out.push({ key, op: 'notin', values: [ident()] });
      } else if (s.startsWith('==', i)) {
        i += 2;
        out.push({ key, op: 'in', values: [ident()] });
      } else if (s[i] === '=') {
        i += 1;
        out.push({ key, op: 'in', values: [ident()] });
      } else {
        const op = word();
        if (op !== 'in' && op !== 'notin') throw new SelectorSyntaxError(`invalid label selector "${s}"`);
        ws();
        if (s[i] !== '(') throw new SelectorSyntaxError(`invalid label selector "${s}": expected "("`);
        i++;
        const values: string[] = [];
        while (true) {
          values.push(ident());
          ws();
          if (s[i] === ',') {
            i++;
            continue;
          }
          if (s[i] === ')') {
            i++;
            break;
          }
          throw new SelectorSyntaxError(`invalid label selector "${s}": expected ")"`);
        }
        out.push({ key, op, values });
      }
    }
    ws();
    if (i < n) {
      if (s[i] !== ',') throw new SelectorSyntaxError(`invalid label selector "${s}"`);
      i++;
    }
  }
  return out;
}

export function matchesLabelSelector(selector: string, labels: Record<string, string>): boolean {
  for (const r of parseLabelSelector(selector)) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(labels[r.key] as string)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(labels[r.key] as string)) return false;
        break;
    }
  }
  return true;
}
