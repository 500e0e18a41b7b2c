// TOML data files read like Python's tomllib: ints stay ints (bigint), floats floats, tables dicts (Map); dates and
// times become the text `str()` prints for Python's date/datetime/time (the template value model has no date type).
import { parse, TomlDate, TomlError } from 'smol-toml';
import type { Value } from '../../template/runtime/values.js';
import type { Pos, PositionIndex } from './positions.js';
import { joinPath } from './positions.js';

export class TomlDataError extends Error {
  constructor(
    message: string,
    readonly pos: Pos | undefined,
  ) {
    super(message);
  }
}

export function parseTomlData(text: string): { value: Map<Value, Value>; positions: PositionIndex } {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text, { integersAsBigInt: true }) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      throw new TomlDataError(`invalid TOML: ${e.message.split('\n')[0]}`, { line: e.line, col: e.column });
    }
    throw e;
  }
  const positions: PositionIndex = new Map();
  const value = convert(raw, '', positions, text.split('\n')) as Map<Value, Value>;
  return { value, positions };
}

function convert(v: unknown, path: string, positions: PositionIndex, lines: string[]): Value {
  if (v instanceof TomlDate) return pyDateStr(v);
  if (Array.isArray(v)) return v.map((x, i) => convert(x, joinPath(path, i), positions, lines));
  if (v !== null && typeof v === 'object') {
    const m = new Map<Value, Value>();
    for (const [k, x] of Object.entries(v)) {
      const p = joinPath(path, k);
      const pos = findKeyLine(lines, k);
      if (pos) positions.set(p, pos);
      m.set(k, convert(x, p, positions, lines));
    }
    return m;
  }
  return v as Value;
}

/** Best effort: TOML parsers give no positions, so find the first `key =` or `[..key]` line. */
function findKeyLine(lines: string[], key: string): Pos | undefined {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:["']?${esc}["']?\\s*=|\\[\\[?[^\\]]*\\b${esc}["']?\\]\\]?\\s*$)`);
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]!);
    if (m) return { line: i + 1, col: (lines[i]!.length - lines[i]!.trimStart().length) + 1 };
  }
  return undefined;
}

function pyDateStr(d: TomlDate): string {
  const iso = d.toISOString();
  if (d.isDate()) return iso;
  const m = /^(?:(\d{4}-\d{2}-\d{2})T)?(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[-+]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return iso;
  let out = m[1] ? `${m[1]} ${m[2]}` : m[2]!;
  if (m[3] && Number(m[3]) !== 0) out += '.' + m[3].slice(0, 6).padEnd(6, '0');
  if (m[4]) out += m[4] === 'Z' ? '+00:00' : m[4];
  return out;
}
