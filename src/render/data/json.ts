// JSON data files read like Python's json.load: `1` is an int (bigint), `1.0` a float, objects are dicts (Map) in
// key order with the last duplicate winning, NaN/Infinity accepted. JSON.parse cannot tell 1 from 1.0, hence this.
import type { Value } from '../../template/runtime/values.js';
import { joinPath, LineIndex, type PositionIndex } from './positions.js';
import { setKey } from './py-dict.js';

export class JsonDataError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  value: Value;
  positions: PositionIndex;
}

export function parseJsonData(text: string): ParsedJson {
  const lines = new LineIndex(text);
  const positions: PositionIndex = new Map();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (msg: string): never => {
    throw new JsonDataError(msg, i);
  };
  const value = (path: string): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const m = new Map<Value, Value>();
      ws();
      if (text[i] === '}') {
        i++;
        return m;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expecting property name enclosed in double quotes');
        const keyAt = i;
        const k = str();
        ws();
        if (text[i] !== ':') fail("expecting ':' delimiter");
        i++;
        const p = joinPath(path, k);
        if (!positions.has(p)) positions.set(p, lines.at(keyAt));
        setKey(m, k, value(p));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return m;
        }
        fail("expecting ',' delimiter");
      }
    }
    if (c === '[') {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(joinPath(path, a.length)));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail("expecting ',' delimiter");
      }
    }
    if (c === '"') return str();
    for (const [word, v] of WORDS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('expecting value');
    i += m[0].length;
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      const j = i;
      while (i < text.length && text[i] !== '"' && text[i] !== '\\' && text.charCodeAt(i) >= 0x20) i++;
      out += text.slice(j, i);
      if (i >= text.length) fail('unterminated string');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c !== '\\') fail('invalid control character in string');
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail('invalid \\escape');
    }
  };
  const v = value('');
  ws();
  if (i < text.length) fail('extra data');
  return { value: v, positions };
}

const WORDS: Array<[string, Value]> = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];
