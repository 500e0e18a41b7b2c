// JSON exactly as Go's encoding/json writes it for map[string]interface{} values: keys sorted bytewise, `<>&` and
// U+2028/U+2029 escaped, no spaces. The generator hash depends on these bytes.
import type { YValue } from '../../core/resource.js';
import { compareBytewise } from '../../io/fs.js';

function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function goNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2').replace(/e([+-])0(\d\d)/, 'e$1$2');
  }
  return String(n);
}

export function goJson(v: YValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'bigint') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goJson).join(',') + ']';
  const keys = Object.keys(v).sort(compareBytewise);
  return '{' + keys.map((k) => goString(k) + ':' + goJson(v[k])).join(',') + '}';
}
