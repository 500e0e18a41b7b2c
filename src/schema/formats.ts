// String formats as kubeconform's validator checks them (santhosh-tekuri/jsonschema v6 rules, and kubeconform's own
// `duration`: a Go duration like `1h30m` or an ISO 8601 one like `PT1H30M`). Non-strings always pass.
import { isGoRegExp } from './go-regexp.js';

export type FormatCheck = (s: string) => boolean;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

function validTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const [h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || sec > 60) return false;
  if (m[6] !== undefined && (Number(m[6]) > 23 || Number(m[7]) > 59)) return false;
  return true;
}

function validDateTime(s: string): boolean {
  const t = s.search(/[Tt]/);
  return t === 10 && validDate(s.slice(0, 10)) && validTime(s.slice(11));
}

const IPV4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(\\.${IPV4_PART}){3}$`);

function validIPv6(s: string): boolean {
  if (s.includes('%')) return false;
  let groups = s;
  let extra = 0;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    if (!IPV4.test(s.slice(lastColon + 1))) return false;
    groups = s.slice(0, lastColon + 1) + '0';
    extra = 1;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parts = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(parts);
  if (!all.every((p) => /^[0-9A-Fa-f]{1,4}$/.test(p))) return false;
  const count = all.length + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

function validHostname(s: string): boolean {
  const h = s.endsWith('.') ? s.slice(0, -1) : s;
  if (h.length === 0 || h.length > 253) return false;
  return h.split('.').every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
}

// time.ParseDuration: optional sign, then one or more <decimal><unit>; a bare "0" is allowed.
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
const ISO_DURATION = /^P(?!$)(\d+W|(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/;

export const FORMATS: Record<string, FormatCheck> = {
  'date-time': validDateTime,
  date: validDate,
  time: validTime,
  duration: (s) => GO_DURATION.test(s) || ISO_DURATION.test(s),
  period: (s) => s.split('/').length === 2,
  ipv4: (s) => IPV4.test(s),
  ipv6: validIPv6,
  hostname: validHostname,
  email: (s) => {
    const at = s.lastIndexOf('@');
    return at > 0 && at <= 64 && validHostname(s.slice(at + 1)) && !/\s/.test(s);
  },
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s),
  iri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(s),
  'uri-reference': (s) => !/\s/.test(s),
  'iri-reference': (s) => !/\s/.test(s),
  'uri-template': (s) => !/[{}]/.test(s.replace(/\{[^{}]*\}/g, '')),
  uuid: (s) => /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(s),
  'json-pointer': (s) => s === '' || /^(\/([^~/]|~[01])*)+$/.test(s),
  'relative-json-pointer': (s) => /^\d+(#|(\/([^~/]|~[01])*)*)$/.test(s),
  regex: isGoRegExp,
  semver: (s) => /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(s),
};
