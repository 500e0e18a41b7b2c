// Plain-scalar typing as PyYAML's safe_load does it (YAML 1.1), and as a YAML 1.2 core-schema reader does it, so
// data files load exactly as makejinja sees them and scalars whose type changes between the two can be flagged.
import type { Value } from '../../template/runtime/values.js';

export type Yaml11Kind = 'null' | 'bool' | 'int' | 'float' | 'timestamp' | 'merge' | 'value' | 'str';

// PyYAML's implicit resolvers (resolver.py), tried in the order it registers them.
const BOOL11 = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT11 =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT11 = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL11 = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP11 =
  /^(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)$/;

/** What PyYAML's resolver makes of a plain (unquoted, untagged) scalar. */
export function resolvePlain11(s: string): Yaml11Kind {
  // The resolver only tries the expressions registered for the first character.
  const c = s.charAt(0);
  if ('yYnNtTfFoO'.includes(c) && c !== '' && BOOL11.test(s)) return 'bool';
  if ('-+0123456789.'.includes(c) && c !== '') {
    if (FLOAT11.test(s)) return 'float';
    if (INT11.test(s)) return 'int';
  }
  if (c === '<' && s === '<<') return 'merge';
  if ((c === '' || '~nN'.includes(c)) && NULL11.test(s)) return 'null';
  if ('0123456789'.includes(c) && c !== '' && TIMESTAMP11.test(s)) return 'timestamp';
  if (s === '=') return 'value';
  return 'str';
}

/** SafeConstructor's conversion of a scalar of the given kind. */
export function construct11(kind: Yaml11Kind, s: string): Value {
  switch (kind) {
    case 'null':
      return null;
    case 'bool':
      return /^(?:yes|true|on)$/i.test(s);
    case 'int':
      return constructInt(s);
    case 'float':
      return constructFloat(s);
    case 'timestamp':
      return constructTimestamp(s);
    default:
      return s;
  }
}

function constructInt(raw: string): bigint {
  let v = raw.replace(/_/g, '');
  let sign = 1n;
  if (v.startsWith('-')) sign = -1n;
  if (v.startsWith('-') || v.startsWith('+')) v = v.slice(1);
  if (v === '0') return 0n;
  if (v.startsWith('0b')) return sign * BigInt(v);
  if (v.startsWith('0x')) return sign * BigInt(v);
  if (v.startsWith('0')) return sign * BigInt('0o' + v.slice(1));
  if (v.includes(':')) {
    // sexagesimal: 1:30 is 90
    let total = 0n;
    for (const part of v.split(':')) total = total * 60n + BigInt(part);
    return sign * total;
  }
  return sign * BigInt(v);
}

function constructFloat(raw: string): number {
  let v = raw.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (v.startsWith('-')) sign = -1;
  if (v.startsWith('-') || v.startsWith('+')) v = v.slice(1);
  if (v === '.inf') return sign * Infinity;
  if (v === '.nan') return NaN;
  if (v.includes(':')) {
    let total = 0;
    for (const part of v.split(':')) total = total * 60 + Number(part);
    return sign * total;
  }
  return sign * Number(v);
}

/**
 * A timestamp becomes what `str()` of Python's date/datetime prints, since that is all a template can observe of it
 * (the template value model has no date type).
 */
function constructTimestamp(s: string): string {
  const m = TIMESTAMP11.exec(s)!;
  if (m[1] !== undefined) return `${m[1]}-${m[2]}-${m[3]}`;
  const p2 = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  let out = `${m[4]}-${p2(m[5])}-${p2(m[6])} ${p2(m[7])}:${m[8]}:${m[9]}`;
  const frac = m[10] ?? '';
  if (frac !== '' && Number(frac.slice(0, 6)) !== 0) out += '.' + frac.slice(0, 6).padEnd(6, '0');
  if (m[12] !== undefined) out += `${m[12]}${p2(m[13])}:${m[14] ?? '00'}`;
  else if (m[11] === 'Z') out += '+00:00';
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// YAML 1.2 core schema, for the differences check.

const CORE_NULL = /^(?:~|null|Null|NULL|)$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const CORE_FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

export function resolvePlain12(s: string): 'null' | 'bool' | 'int' | 'float' | 'str' {
  if (CORE_NULL.test(s)) return 'null';
  if (CORE_BOOL.test(s)) return 'bool';
  if (CORE_INT.test(s)) return 'int';
  if (CORE_FLOAT.test(s)) return 'float';
  return 'str';
}

export interface VersionDifference {
  /** How YAML 1.1 (PyYAML, makejinja) reads it, e.g. `the boolean True`. */
  as11: string;
  /** How a YAML 1.2 reader reads it. */
  as12: string;
  hint: string;
}

/**
 * For a plain scalar, how YAML 1.1 and YAML 1.2 readers disagree about it, or null when they agree. `y`/`n` are
 * included: PyYAML keeps them strings, but the YAML 1.1 spec (and go-yaml v2) reads them as booleans.
 */
export function versionDifference(s: string): VersionDifference | null {
  const k11 = resolvePlain11(s);
  const k12 = resolvePlain12(s);
  const quoted = `"${s.replace(/["\\]/g, (c) => '\\' + c)}"`;
  if (/^(?:y|Y|n|N)$/.test(s)) {
    return { as11: 'a boolean per the YAML 1.1 spec (PyYAML keeps it a string)', as12: 'the string ' + quoted, hint: `quote it: ${quoted}` };
  }
  if (k11 === k12) {
    if (k11 !== 'int') return null;
    // both ints, but 0755 is octal 493 in 1.1 and 755 in 1.2
    const v11 = constructInt(s);
    const v12 = BigInt(s.startsWith('0o') ? s : s.replace(/^([-+]?)0+(?=\d)/, '$1'));
    if (v11 === v12) return null;
    return {
      as11: `the octal number ${v11}`,
      as12: `the number ${v12}`,
      hint: `quote it (${quoted}) if it is text such as a file mode, or write ${v11} if you mean that number`,
    };
  }
  const describe11 = (): string => {
    const v = construct11(k11, s);
    switch (k11) {
      case 'bool':
        return `the boolean ${v ? 'True' : 'False'}`;
      case 'int':
        return s.includes(':') ? `the number ${String(v)} (base 60)` : `the number ${String(v)}`;
      case 'float':
        return `the float ${String(v)}`;
      case 'timestamp':
        return `a date (${String(v)})`;
      case 'null':
        return 'null';
      default:
        return 'the string ' + quoted;
    }
  };
  const as12 = k12 === 'str' ? 'the string ' + quoted : `a ${k12 === 'float' ? 'float' : k12 === 'int' ? 'number' : k12}`;
  // A date-only timestamp prints as its own text, so templates cannot tell the difference.
  if (k11 === 'timestamp' && construct11(k11, s) === s) return null;
  if (k11 === 'merge' || k11 === 'value') return null;
  const hint =
    k11 === 'int' && s.includes(':')
      ? `quote it: ${quoted} (MAC addresses and times like this are read as base-60 numbers by YAML 1.1)`
      : `quote it: ${quoted}`;
  return { as11: describe11(), as12, hint };
}
