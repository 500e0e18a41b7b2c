// Reading files out of a gzipped tar archive in-process (a Helm chart .tgz), so nothing needs the helm or tar binary.
// Handles what Go's archive/tar and GNU tar write: ustar names with a prefix, PAX `path` records and GNU long names.
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function text(buf: Buffer, start: number, len: number): string {
  const field = buf.subarray(start, start + len);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? len : end).toString('utf8');
}

/** A size field: octal text, or base-256 when its first byte has the high bit set (large files). */
function size(buf: Buffer, start: number): number {
  if ((buf[start]! & 0x80) !== 0) {
    let n = buf[start]! & 0x7f;
    for (let i = 1; i < 12; i++) n = n * 256 + buf[start + i]!;
    return n;
  }
  const n = parseInt(text(buf, start, 12).trim() || '0', 8);
  if (!Number.isFinite(n)) throw new Error('bad size field in tar header');
  return n;
}

/** The header's checksum: the sum of its bytes, the checksum field itself counted as spaces. */
function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return parseInt(text(header, 148, 8).trim(), 8) === sum;
}

/** The `path` of PAX extended header records (`<len> path=<value>\n`). */
function paxPath(data: Buffer): string | undefined {
  let path: string | undefined;
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const len = parseInt(data.subarray(at, space).toString('latin1'), 10);
    if (!(len > 0)) break;
    const record = data.subarray(space + 1, at + len - 1).toString('utf8');
    if (record.startsWith('path=')) path = record.slice(5);
    at += len;
  }
  return path;
}

/**
 * The regular files of a .tgz (or plain .tar) whose path `want` accepts, by path. Throws on a truncated or corrupt
 * archive; the caller says which file it was.
 */
export function readTarGz(archive: Buffer, want: (path: string) => boolean): Map<string, Buffer> {
  const tar = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  // an empty file (a download that failed) holds no chart, not an empty one
  if (tar.length === 0) throw new Error('not a tar archive');
  const out = new Map<string, Buffer>();
  let at = 0;
  let longName: string | undefined;
  while (at < tar.length) {
    // shorter than one header: no archive at all when nothing came before (a stray file named .tgz)
    if (at + BLOCK > tar.length) throw new Error(at === 0 ? 'not a tar archive' : 'truncated tar archive');
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    if (!checksumOk(header)) throw new Error(at === 0 ? 'not a tar archive' : 'corrupt tar archive (bad header checksum)');
    const type = String.fromCharCode(header[156]!);
    const n = size(header, 124);
    const dataStart = at + BLOCK;
    if (dataStart + n > tar.length) throw new Error('truncated tar archive');
    const data = tar.subarray(dataStart, dataStart + n);
    at = dataStart + Math.ceil(n / BLOCK) * BLOCK;
    if (type === 'x') longName = paxPath(data) ?? longName;
    else if (type === 'L') longName = text(data, 0, data.length);
    else if (type === 'g') continue;
    else {
      // the name prefix is POSIX ustar's; GNU headers ("ustar  ") keep access and change times there
      const prefix = header.subarray(257, 263).toString('latin1') === 'ustar\0' ? text(header, 345, 155) : '';
      const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      longName = undefined;
      if ((type === '0' || type === '\0') && want(name)) out.set(name, Buffer.from(data));
    }
  }
  return out;
}
