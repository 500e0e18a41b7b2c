// YAML output exactly as `kubectl kustomize` (kustomize v5.7.1) prints resources. kustomize turns each resource into
// JSON and hands it to sigs.k8s.io/yaml, which re-reads the JSON with go-yaml v2 and marshals it with go-yaml v2.
// So the rules are go-yaml v2's: map keys in v2's "natural" order (go-format.ts), 2-space indent, block sequences
// not indented under their key, `{}`/`[]` for empty collections, strings quoted only when needed (double quotes
// when plain would read back as another type, single quotes when merely unsafe as plain), `|` for multi-line
// strings unless they hold tabs/trailing spaces/specials (then double-quoted), and folding past column 80.
// This module is a small re-implementation of the parts of go-yaml v2's emitter that such documents reach.
import { formatNumber, sortKeysV2 } from './go-format.js';
import { v2NeedsQuotes } from './scalar-rules.js';
import { YamlWriteError } from './yaml-write-error.js';
import {
  A_BLOCK, A_BLOCK_PLAIN, A_HIGH, A_MULTILINE, A_NEWLINE, A_SINGLE, PLAIN_WORD, analyze, checkString, cpLength,
  escapeDouble, hasBreak, isBreak, isBreakChar, isPrintable,
} from './yaml-write-scalars.js';

export { YamlWriteError };

/** A value the writer can print: JSON-like data; ints beyond 2^53 as bigint. */
export type YamlValue = null | boolean | number | bigint | string | YamlValue[] | { [key: string]: YamlValue };

const enum Style {
  Plain,
  Single,
  Double,
  Literal,
}

const BEST_WIDTH = 80;

/** Print one value as a YAML document (with trailing newline), as kustomize prints one resource. */
export function stringifyYaml(value: unknown): string {
  const e = new Emitter();
  e.node(value as YamlValue, false, false);
  e.writeIndent(); // document end
  return e.out;
}

/** Print resources the way `kubectl kustomize` prints a resource list: documents joined by `---\n`. */
export function stringifyDocuments(values: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '---\n';
    out += stringifyYaml(values[i]);
  }
  return out;
}

class Emitter {
  out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private mappingContext = false;
  private simpleKeyContext = false;

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) {
      this.out += ' ';
      this.column++;
    }
    this.out += ind;
    this.column += ind.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Where the writer is in the value, for error messages. */
  private readonly path: (string | number)[] = [];

  node(v: YamlValue, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (v === null || v === undefined) return this.scalar('null', Style.Plain, PLAIN_WORD);
    switch (typeof v) {
      case 'string':
        return this.stringValue(v);
      case 'boolean':
        return this.scalar(v ? 'true' : 'false', Style.Plain, PLAIN_WORD);
      case 'number':
        if (!Number.isFinite(v)) throw new YamlWriteError(`json: unsupported value: ${goFloatName(v)}`, this.path);
        return this.scalar(formatNumber(v), Style.Plain, PLAIN_WORD);
      case 'bigint':
        return this.scalar(v.toString(), Style.Plain, PLAIN_WORD);
      case 'object':
        if (Array.isArray(v)) return this.sequence(v);
        return this.mapping(v);
      default:
        throw new YamlWriteError(`cannot print a ${typeof v}`, this.path);
    }
  }

  private sequence(items: YamlValue[]): void {
    if (items.length === 0) return this.emptyFlow('[', ']');
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (let i = 0; i < items.length; i++) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.path.push(i);
      this.node(items[i]!, false, false);
      this.path.pop();
    }
    this.popIndent();
  }

  private mapping(m: { [key: string]: YamlValue }): void {
    let keys = Object.keys(m);
    for (const k of keys) {
      if (m[k] === undefined) {
        keys = keys.filter((x) => m[x] !== undefined); // as JSON drops them
        break;
      }
    }
    if (keys.length === 0) return this.emptyFlow('{', '}');
    sortKeysV2(keys);
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      let key = k;
      let a = analyze(key);
      if (a & A_HIGH) {
        key = checkString(k, this.path);
        if (key !== k) a = analyze(key);
      }
      if (!(a & A_MULTILINE) && (key.length <= 42 || Buffer.byteLength(key) <= 128)) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.stringScalar(key, a);
        this.indicator(':', false, false, false);
      } else {
        // go-yaml writes long or multi-line keys as complex keys: "? key" then ": value".
        this.indicator('?', true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.stringScalar(key, a);
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.path.push(k);
      this.node(m[k]!, true, false);
      this.path.pop();
    }
    this.popIndent();
  }

  private emptyFlow(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.indents.push(this.indent);
    this.popIndent();
    this.indicator(close, false, false, false);
  }

  /** A string value: what JSON and go-yaml v2's reader make of it first, then its style. */
  private stringValue(v: string): void {
    let s = v;
    let a = analyze(s);
    if (a & A_HIGH) {
      s = checkString(v, this.path);
      if (s !== v) a = analyze(s);
    }
    this.stringScalar(s, a);
  }

  /** A string as go-yaml v2's stringv picks its style, then the emitter's downgrades. */
  private stringScalar(s: string, a: number): void {
    let style: Style;
    if (a & A_NEWLINE) style = Style.Literal;
    else if (!v2NeedsQuotes(s)) style = Style.Plain;
    else style = Style.Double;
    this.scalar(s, style, a);
  }

  private scalar(s: string, requested: Style, a: number): void {
    let style = requested;
    if (this.simpleKeyContext && a & A_MULTILINE) style = Style.Double;
    if (style === Style.Plain) {
      if (!(a & A_BLOCK_PLAIN) || (s.length === 0 && this.simpleKeyContext)) style = Style.Single;
    }
    if (style === Style.Single && !(a & A_SINGLE)) style = Style.Double;
    if (style === Style.Literal && (!(a & A_BLOCK) || this.simpleKeyContext)) style = Style.Double;

    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case Style.Plain:
        this.writePlain(s, allowBreaks);
        break;
      case Style.Single:
        this.writeSingle(s, allowBreaks);
        break;
      case Style.Double:
        this.writeDouble(s, allowBreaks);
        break;
      case Style.Literal:
        this.writeLiteral(s);
        break;
    }
    this.popIndent();
  }

  /** Writes one code point (as a string) that is not a line break. */
  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  /** A line break character from the value: '\n' becomes a newline, others are copied (column resets). */
  private writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out += ch;
      this.column = 0;
    }
  }

  private writePlain(s: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (!allowBreaks || this.column + s.length <= BEST_WIDTH + 1 || !s.includes(' ')) {
      if (!hasBreak(s)) return this.finishRun(s);
    }
    const cps = Array.from(s);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreakChar(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  /** Appends a run without spaces to fold or breaks, then sets the state a plain scalar leaves. */
  private finishRun(s: string): void {
    this.out += s;
    this.column += cpLength(s);
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(s: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const cps = Array.from(s);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== ' ') {
          this.writeIndent();
        } else this.put(ch);
        spaces = true;
      } else if (isBreakChar(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(s: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const cps = Array.from(s);
    const bomFirst = cps[0] === '\uFEFF'; // go-yaml tests the value's first bytes for a BOM at every position
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      const cp = ch.codePointAt(0)!;
      if (!isPrintable(cp) || bomFirst || isBreak(cp) || ch === '"' || ch === '\\') {
        const esc = escapeDouble(cp);
        this.out += esc;
        this.column += esc.length;
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(s: string): void {
    this.indicator('|', true, false, false);
    this.blockHints(s);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    const n = s.length;
    for (let i = 0; i < n; ) {
      if (isBreak(s.charCodeAt(i))) {
        this.writeBreak(s[i]!);
        this.indention = true;
        breaks = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && !isBreak(s.charCodeAt(j))) j++;
      if (breaks) this.writeIndent();
      const run = s.slice(i, j);
      this.out += run;
      this.column += cpLength(run);
      this.indention = false;
      breaks = false;
      i = j;
    }
  }

  private blockHints(s: string): void {
    const first = s.charCodeAt(0);
    if (first === 32 || isBreak(first)) this.indicator('2', false, false, false);
    // Breaks are single UTF-16 units, so the last two units decide the chomping indicator.
    const n = s.length;
    let chomp = '';
    if (n === 0 || !isBreak(s.charCodeAt(n - 1))) chomp = '-';
    else if (n === 1 || isBreak(s.charCodeAt(n - 2))) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
  }

}

function goFloatName(x: number): string {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
}
