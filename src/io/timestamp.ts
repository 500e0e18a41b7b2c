// YAML timestamps as go-yaml resolves them: Go's time.Parse with the four layouts both go-yaml v2 and v3 try, and
// Go's RFC3339Nano formatting, which is how a timestamp reaches kustomize's output (time.Time → JSON string).
// Layouts: "2006-1-2T15:4:5.999999999Z07:00", the same with 't', "2006-1-2 15:4:5.999999999", "2006-1-2".

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Cheap pre-check shared by both go-yaml versions: four digits then '-'. */
export function maybeTimestamp(s: string): boolean {
  return s.length >= 5 && s.charCodeAt(4) === 45 && isDigit(s.charCodeAt(0)) && isDigit(s.charCodeAt(1)) &&
    isDigit(s.charCodeAt(2)) && isDigit(s.charCodeAt(3));
}

interface Cursor {
  s: string;
  i: number;
}

/** Go's getnum(value, fixed=false): one or two digits. */
function num12(c: Cursor): number {
  const a = c.s.charCodeAt(c.i);
  if (!isDigit(a)) return -1;
  const b = c.s.charCodeAt(c.i + 1);
  if (!isDigit(b)) {
    c.i += 1;
    return a - 48;
  }
  c.i += 2;
  return (a - 48) * 10 + (b - 48);
}

function expect(c: Cursor, ch: string): boolean {
  if (c.s[c.i] !== ch) return false;
  c.i++;
  return true;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/**
 * The RFC3339Nano text of a YAML timestamp, or null when go-yaml would not read `s` as a timestamp.
 * Example: `2024-01-02` → `2024-01-02T00:00:00Z`; `2001-12-14 21:59:43.10` → `2001-12-14T21:59:43.1Z`.
 */
export function parseTimestamp(s: string): string | null {
  if (!maybeTimestamp(s)) return null;
  const c: Cursor = { s, i: 5 };
  const year = Number(s.slice(0, 4));
  const month = num12(c);
  if (month < 1 || month > 12 || !expect(c, '-')) return null;
  const day = num12(c);
  if (day < 0) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day < 1 || day > dim) return null;
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (c.i === s.length) return `${date}T00:00:00Z`;

  // Layouts 1 and 2 ('T'/'t' and a zone), or layout 3 (spaces, no zone).
  const sep = s[c.i];
  let zoned: boolean;
  if (sep === 'T' || sep === 't') {
    c.i++;
    zoned = true;
  } else if (sep === ' ') {
    while (s[c.i] === ' ') c.i++; // Go's layout space matches any run of spaces
    zoned = false;
  } else return null;

  const hour = num12(c);
  if (hour < 0 || hour > 23 || !expect(c, ':')) return null;
  const min = num12(c);
  if (min < 0 || min > 59 || !expect(c, ':')) return null;
  const sec = num12(c);
  if (sec < 0 || sec > 59) return null;
  let frac = '';
  if ((s[c.i] === '.' || s[c.i] === ',') && isDigit(s.charCodeAt(c.i + 1))) {
    const start = ++c.i;
    while (isDigit(s.charCodeAt(c.i))) c.i++;
    frac = s.slice(start, Math.min(c.i, start + 9)).replace(/0+$/, '');
  }
  let zone = 'Z';
  if (zoned) {
    if (s[c.i] === 'Z') c.i++;
    else {
      // ±hh:mm, exactly two digits each; Go allows offsets up to 24h and 60m.
      const z = s.slice(c.i, c.i + 6);
      if (!/^[+-]\d\d:\d\d$/.test(z)) return null;
      const hh = Number(z.slice(1, 3));
      const mm = Number(z.slice(4, 6));
      if (hh > 24 || mm > 60) return null;
      c.i += 6;
      const total = hh * 60 + mm; // Go formats the offset from minutes, so +01:60 prints as +02:00
      if (total !== 0) zone = `${z[0]}${pad(Math.floor(total / 60), 2)}:${pad(total % 60, 2)}`;
    }
  }
  if (c.i !== s.length) return null;
  return `${date}T${pad(hour, 2)}:${pad(min, 2)}:${pad(sec, 2)}${frac ? '.' + frac : ''}${zone}`;
}
